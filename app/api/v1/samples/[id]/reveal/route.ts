import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { revealImage } from "@/lib/services/exposure/reveal-image";

/** Records that the caller revealed the sample's blurred image (docs/safe-viewing.md). */
export const POST = apiHandler(async (_request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await revealImage(actor, id));
});
