import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { revokeToken } from "@/lib/services/tokens/revoke-token";

export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await revokeToken(actor, id));
});
