import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { previewImport } from "@/lib/services/import/preview-import";

export const POST = apiHandler(async (request) => {
  return NextResponse.json(await previewImport(await actorFromRequest(request), await jsonBody(request)));
});
