import { NextResponse } from "next/server";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";

export const GET = apiHandler(async (request, _context, actor) => NextResponse.json(await listAuditEvents(actor, searchParamsOf(request))));
