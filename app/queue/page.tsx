import { QueueFilterForm } from "@/components/workspace/QueueFilterForm";
import { Workspace } from "@/components/workspace/Workspace";
import { requirePageActor } from "@/lib/auth/request-actor";
import { can } from "@/lib/auth/permissions";
import { queueFiltersSchema } from "@/lib/services/queue/queue-schemas";
import { PageNotice } from "@/components/app/PageNotice";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";

export const dynamic = "force-dynamic";

const FILTER_KEYS = ["dataset", "category", "imageCondition", "attack", "model"] as const;

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = Object.fromEntries(FILTER_KEYS.flatMap((key) => (typeof params[key] === "string" && params[key] ? [[key, params[key]]] : [])));
  const actor = await requirePageActor(`/queue?${new URLSearchParams(raw)}`);
  if (!can("sample:adjudicate", actor.role)) {
    return <PageNotice tone="warning">Your role ({actor.role}) cannot adjudicate. Ask an admin for the expert role.</PageNotice>;
  }
  const parsed = queueFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    return <PageNotice tone="error">The queue filters in the address are not valid: {parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}.</PageNotice>;
  }
  return (
    <div className="space-y-2">
      <QueueFilterForm filters={parsed.data} options={await listFilterOptions(actor)} />
      {/* Keyed by the filters: other filters are another session with the queue, claimed afresh. */}
      <Workspace key={JSON.stringify(parsed.data)} filters={parsed.data} />
    </div>
  );
}
