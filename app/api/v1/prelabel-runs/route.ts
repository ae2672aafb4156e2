import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { queuePrelabelRun } from "@/lib/services/prelabel/queue-prelabel-run";

/** Queues pre-label jobs for the samples that lack one from the current model: `{"dataset"?}` → `{"queued"}`. */
export const POST = apiHandler(async (request) => {
  return NextResponse.json(await queuePrelabelRun(await actorFromRequest(request), await jsonBody(request)), { status: 202 });
});
