import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { createOwnToken } from "@/lib/services/tokens/create-api-token";
import { listOwnTokens } from "@/lib/services/tokens/list-tokens";

export const GET = apiHandler(async (request, _context, actor) => NextResponse.json({ items: await listOwnTokens(actor) }));

/** Creates a token for the caller; the secret is in this response only. */
export const POST = apiHandler(async (request, _context, actor) => NextResponse.json(await createOwnToken(actor, await jsonBody(request)), { status: 201 }));
