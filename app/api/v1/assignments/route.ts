import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { assignSamples } from "@/lib/services/quality/assign-samples";

/** Sends samples to one expert: `{"expert", "sampleIds": [...]}` or `{"expert", "filters": {...}, "limit"?}`, with `"days"?` (7). */
export const POST = apiHandler(async (request, _context, actor) => NextResponse.json(await assignSamples(actor, await jsonBody(request)), { status: 201 }));
