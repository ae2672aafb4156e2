import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { undoAdjudication } from "@/lib/services/queue/undo-adjudication";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await undoAdjudication(actor, id));
});
