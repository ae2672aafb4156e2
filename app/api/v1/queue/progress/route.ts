import { NextResponse } from "next/server";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getQueueProgress } from "@/lib/services/queue/get-queue-progress";

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await getQueueProgress(actor, searchParamsOf(request)));
});
