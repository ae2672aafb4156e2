import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await submitAdjudication(actor, id, await jsonBody(request)), { status: 201 });
});
