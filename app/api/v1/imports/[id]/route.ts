import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler } from "@/lib/http/api-handler";
import { getImportRun } from "@/lib/services/import/list-imports";

export const GET = apiHandler(async (request, context: { params: Promise<{ id: string }> }) => {
  return NextResponse.json(await getImportRun(await actorFromRequest(request), await context.params));
});
