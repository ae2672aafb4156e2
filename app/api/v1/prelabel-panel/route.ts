import { NextResponse } from "next/server";
import { apiHandler } from "@/lib/http/api-handler";
import { getPrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json(await getPrelabelPanel(actor));
});
