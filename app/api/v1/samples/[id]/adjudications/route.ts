import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await submitAdjudication(await actorFromRequest(request), id, await jsonBody(request)), { status: 201 });
});
