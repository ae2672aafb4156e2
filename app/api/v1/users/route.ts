import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { inviteUser } from "@/lib/services/users/invite-user";
import { listUsers } from "@/lib/services/users/list-users";

export const GET = apiHandler(async (request, _context, actor) => NextResponse.json({ items: await listUsers(actor) }));

/** Invites a user: `{"email", "role", "name"?}` → 201 with the user and the one-time `invitePath` to pass on. */
export const POST = apiHandler(async (request, _context, actor) => NextResponse.json(await inviteUser(actor, await jsonBody(request)), { status: 201 }));
