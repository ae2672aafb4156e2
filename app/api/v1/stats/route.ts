import { NextResponse } from "next/server";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getDatasetStats } from "@/lib/services/stats/get-dataset-stats";

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await getDatasetStats(actor, searchParamsOf(request)));
});
