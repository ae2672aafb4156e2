import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { flagSample } from "@/lib/services/queue/flag-sample";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await flagSample(await actorFromRequest(request), id, await jsonBody(request)));
});
