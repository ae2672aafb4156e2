import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { getOpenApiDocument } from "@/lib/services/openapi/get-openapi-document";

/** The API's OpenAPI 3.1 document, for any signed-in caller. */
export const GET = apiHandler(async (_request, _context, actor) => NextResponse.json(await getOpenApiDocument(actor)));
