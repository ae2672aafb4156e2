import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler } from "@/lib/http/api-handler";
import { getPrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";

export const GET = apiHandler(async (request) => {
  return NextResponse.json(await getPrelabelPanel(await actorFromRequest(request)));
});
