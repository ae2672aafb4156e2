import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { previewExport } from "@/lib/services/exports/preview-export";

export const POST = apiHandler(async (request) => {
  return NextResponse.json(await previewExport(await actorFromRequest(request), await jsonBody(request)));
});
