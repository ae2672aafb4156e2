import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { listUsers } from "@/lib/services/users/list-users";

export const GET = apiHandler(async (request, _context, actor) => NextResponse.json({ items: await listUsers(actor) }));
