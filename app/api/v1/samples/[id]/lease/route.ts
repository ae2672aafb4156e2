import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { releaseHold } from "@/lib/services/queue/release-hold";
import { renewLease } from "@/lib/services/queue/renew-lease";

/** Renews the caller's lease on the sample. */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await renewLease(actor, id));
});

/** Gives back a sample the caller holds and has not decided (an unused claim-ahead). */
export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await releaseHold(actor, id));
});
