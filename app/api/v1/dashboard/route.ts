import { NextResponse } from "next/server";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getDashboard } from "@/lib/services/stats/get-dashboard";

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await getDashboard(actor, searchParamsOf(request)));
});
