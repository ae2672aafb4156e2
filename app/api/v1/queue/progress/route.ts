import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getQueueProgress } from "@/lib/services/queue/get-queue-progress";

export const GET = apiHandler(async (request) => {
  return NextResponse.json(await getQueueProgress(await actorFromRequest(request), searchParamsOf(request)));
});
