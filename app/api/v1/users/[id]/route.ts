import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { updateUser } from "@/lib/services/users/update-user";

/** `{"role"?, "disabled"?}`: an admin changes a user's role or disables them. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  return NextResponse.json(await updateUser(actor, id, await jsonBody(request)));
});
