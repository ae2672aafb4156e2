import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { createExport } from "@/lib/services/exports/create-export";
import { listExports } from "@/lib/services/exports/get-export";

/** Starts an export in the background: 202 with the export to poll. */
export const POST = apiHandler(async (request, _context, actor) => {
  const created = await createExport(actor, await jsonBody(request));
  return NextResponse.json(created, { status: 202, headers: { Location: `/api/v1/exports/${created.id}` } });
});

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json({ items: await listExports(actor) });
});
