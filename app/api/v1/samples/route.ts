import { NextResponse } from "next/server";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { listSamples } from "@/lib/services/samples/list-samples";

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await listSamples(actor, searchParamsOf(request)));
});
