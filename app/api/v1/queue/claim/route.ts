import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";

export const POST = apiHandler(async (request, _context, actor) => {
  const claim = await claimNextSample(actor, await jsonBody(request));
  return claim ? NextResponse.json(claim) : new Response(null, { status: 204 });
});
