import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { getExport } from "@/lib/services/exports/get-export";

export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await getExport(actor, id));
});
