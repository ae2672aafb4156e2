import { actorFromRequest } from "@/lib/auth/request-actor";
import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { getEvaluationTable } from "@/lib/services/stats/get-evaluation-table";

export const GET = apiHandler(async (request) => {
  const table = await getEvaluationTable(await actorFromRequest(request), searchParamsOf(request));
  return new Response(table.body, {
    headers: { "Content-Type": table.contentType, "Content-Disposition": `attachment; filename="${table.fileName}"`, "Cache-Control": "no-store" },
  });
});
