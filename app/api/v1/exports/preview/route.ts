import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { previewExport } from "@/lib/services/exports/preview-export";

export const POST = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await previewExport(actor, await jsonBody(request)));
});
