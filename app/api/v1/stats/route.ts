import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getDatasetStats } from "@/lib/services/stats/get-dataset-stats";

export const GET = apiHandler(async (request) => {
  return NextResponse.json(await getDatasetStats(await actorFromRequest(request), searchParamsOf(request)));
});
