import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { getInbox } from "@/lib/services/discussion/get-inbox";

/** The threads that mention the caller, unread first, with the unread count. */
export const GET = apiHandler(async (_request, _context, actor) => NextResponse.json(await getInbox(actor)));
