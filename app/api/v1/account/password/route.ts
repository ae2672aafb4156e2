import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { changePassword } from "@/lib/services/users/change-password";

export const POST = apiHandler(async (request) => NextResponse.json(await changePassword(await actorFromRequest(request), await jsonBody(request))));
