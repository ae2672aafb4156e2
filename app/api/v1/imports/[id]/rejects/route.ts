import { apiHandler } from "@/lib/http/api-handler";
import { openImportRejects } from "@/lib/services/import/list-imports";

export const GET = apiHandler(async (request, context: { params: Promise<{ id: string }> }, actor) => {
  const rejects = await openImportRejects(actor, await context.params);
  return new Response(rejects.body, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Content-Disposition": `attachment; filename="${rejects.fileName.replace(/["\\\r\n]/g, "_")}"`, "Cache-Control": "no-store" },
  });
});
