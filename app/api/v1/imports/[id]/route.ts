import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { getImportRun } from "@/lib/services/import/list-imports";

export const GET = apiHandler(async (request, context: { params: Promise<{ id: string }> }, actor) => {
  return NextResponse.json(await getImportRun(actor, await context.params));
});
