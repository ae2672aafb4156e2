import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { saveUpload } from "@/lib/services/import/save-upload";

/** The file as the raw body (`?name=` gives its name), streamed to disk: 201 with the upload's id. */
export const POST = apiHandler(async (request, _context, actor) => {
  const saved = await saveUpload(actor, { name: new URL(request.url).searchParams.get("name"), contentType: request.headers.get("content-type"), body: request.body });
  return NextResponse.json(saved, { status: 201 });
}, { bodyType: "application/octet-stream" });
