import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { listSamples } from "@/lib/services/samples/list-samples";

export const GET = apiHandler(async (request) => {
  return NextResponse.json(await listSamples(await actorFromRequest(request), searchParamsOf(request)));
});
