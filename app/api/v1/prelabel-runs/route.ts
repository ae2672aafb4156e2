import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { queuePrelabelRun } from "@/lib/services/prelabel/queue-prelabel-run";

/** Queues pre-label jobs for the samples that lack one from the current model: `{"dataset"?}` → `{"queued"}`. */
export const POST = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await queuePrelabelRun(actor, await jsonBody(request)), { status: 202 });
});
