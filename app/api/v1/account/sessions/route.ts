import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { endOwnSessions } from "@/lib/services/users/end-own-sessions";

/** Signs the caller out everywhere: every session ends, this one too. */
export const DELETE = apiHandler(async (_request, _context, actor) => NextResponse.json(await endOwnSessions(actor)));
