import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { skipSample } from "@/lib/services/queue/set-sample-aside";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await skipSample(actor, id, await jsonBody(request)));
});
