import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { promoteToGold } from "@/lib/services/quality/promote-to-gold";

/** Makes an adjudicated sample gold: `{"judgment": 0|0.5|1, "explanation"?: "…"}`. */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await promoteToGold(actor, { sampleId: id }, await jsonBody(request)));
});
