import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler } from "@/lib/http/api-handler";
import { undoAdjudication } from "@/lib/services/queue/undo-adjudication";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await undoAdjudication(await actorFromRequest(request), id));
});
