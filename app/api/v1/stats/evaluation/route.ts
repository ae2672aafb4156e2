import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getEvaluationTable } from "@/lib/services/stats/get-evaluation-table";

export const GET = apiHandler(async (request, _context, actor) => {
  const table = await getEvaluationTable(actor, searchParamsOf(request));
  return new Response(table.body, {
    headers: { "Content-Type": table.contentType, "Content-Disposition": `attachment; filename="${table.fileName}"`, "Cache-Control": "no-store" },
  });
});
