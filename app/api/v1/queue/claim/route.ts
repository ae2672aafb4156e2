import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";

export const POST = apiHandler(async (request) => {
  const claim = await claimNextSample(await actorFromRequest(request), await jsonBody(request));
  return claim ? NextResponse.json(claim) : new Response(null, { status: 204 });
});
