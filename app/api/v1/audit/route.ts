import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";

export const GET = apiHandler(async (request) => NextResponse.json(await listAuditEvents(await actorFromRequest(request), searchParamsOf(request))));
