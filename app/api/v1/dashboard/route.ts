import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getDashboard } from "@/lib/services/stats/get-dashboard";

export const GET = apiHandler(async (request) => {
  return NextResponse.json(await getDashboard(await actorFromRequest(request), searchParamsOf(request)));
});
