import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler } from "@/lib/http/api-handler";
import { renewLease } from "@/lib/services/queue/renew-lease";

/** Renews the caller's lease on the sample. */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await renewLease(await actorFromRequest(request), id));
});
