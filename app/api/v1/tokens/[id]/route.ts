import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler } from "@/lib/http/api-handler";
import { revokeToken } from "@/lib/services/tokens/revoke-token";

export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await revokeToken(await actorFromRequest(request), id));
});
