import { apiHandler, searchParamsOf } from "@/lib/http/api-handler";
import { exportAuditEvents } from "@/lib/services/audit/list-audit-events";

/** The filtered audit trail as JSON lines, streamed. */
export const GET = apiHandler(async (request, _context, actor) => {
  const lines = exportAuditEvents(actor, searchParamsOf(request));
  // Pull the first chunk here, so a refused request (403, 422) is answered as such, not as a broken stream.
  const first = await lines.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(first.done ? "" : body, {
    headers: { "Content-Type": "application/x-ndjson", "Content-Disposition": `attachment; filename="guardtrace-audit-${new Date().toISOString().slice(0, 10)}.jsonl"` },
  });
});
