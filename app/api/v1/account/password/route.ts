import { NextResponse } from "next/server";
import { requestClientAddress } from "@/lib/auth/client-address";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { changePassword } from "@/lib/services/users/change-password";

export const POST = apiHandler(async (request, _context, actor) => NextResponse.json(await changePassword(actor, await jsonBody(request), requestClientAddress(request))));
