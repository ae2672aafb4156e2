import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler } from "@/lib/http/api-handler";
import { listUsers } from "@/lib/services/users/list-users";

export const GET = apiHandler(async (request) => NextResponse.json({ items: await listUsers(await actorFromRequest(request)) }));
