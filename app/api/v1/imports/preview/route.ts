import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { previewImport } from "@/lib/services/import/preview-import";

export const POST = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await previewImport(actor, await jsonBody(request)));
});
