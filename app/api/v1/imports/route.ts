import { NextResponse } from "next/server";
import { apiHandler, jsonBody } from "@/lib/http/api-handler";
import { listImports } from "@/lib/services/import/list-imports";
import { queueImport } from "@/lib/services/import/queue-import";

/** Queues an import for the worker: 202 with the run to poll. */
export const POST = apiHandler(async (request, _context, actor) => {
  const queued = await queueImport(actor, await jsonBody(request));
  return NextResponse.json(queued, { status: 202, headers: { Location: `/api/v1/imports/${queued.id}` } });
});

export const GET = apiHandler(async (request, _context, actor) => {
  return NextResponse.json({ items: await listImports(actor) });
});
