import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { createOwnToken } from "@/lib/services/tokens/create-api-token";
import { listOwnTokens } from "@/lib/services/tokens/list-tokens";

export const GET = apiHandler(async (request) => NextResponse.json({ items: await listOwnTokens(await actorFromRequest(request)) }));

/** Creates a token for the caller; the secret is in this response only. */
export const POST = apiHandler(async (request) => NextResponse.json(await createOwnToken(await actorFromRequest(request), await jsonBody(request)), { status: 201 }));
