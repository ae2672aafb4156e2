import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { getSample } from "@/lib/services/samples/get-sample";

export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await getSample(actor, id));
});
