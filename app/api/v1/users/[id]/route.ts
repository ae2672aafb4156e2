import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { updateUser } from "@/lib/services/users/update-user";

/** `{"role"?, "disabled"?}`: an admin changes a user's role or disables them. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await updateUser(await actorFromRequest(request), id, await jsonBody(request)));
});
