import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { renewLease } from "@/lib/services/queue/renew-lease";

/** Renews the caller's lease on the sample. */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await renewLease(actor, id));
});
