import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { resolveFlags } from "@/lib/services/queue/resolve-flags";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await resolveFlags(actor, id, await jsonBody(request)));
});
