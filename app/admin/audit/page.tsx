import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { auditFiltersSchema } from "@/lib/services/audit/audit-filters";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { AuditChange } from "@/components/app/AuditChange";
import { DataTable } from "@/components/app/DataTable";
import { PageNotice } from "@/components/app/PageNotice";

export const dynamic = "force-dynamic";

const FIELDS = [
  ["entityType", "Entity type"],
  ["entityId", "Entity id"],
  ["actor", "Actor email (or cli)"],
  ["action", "Action"],
  ["from", "From (date)"],
  ["to", "To (date, exclusive)"],
] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const actor = await requirePageActor(`/admin/audit?${new URLSearchParams(raw)}`);
  if (!can("audit:read", actor.role)) return <PageNotice tone="warning">The audit trail is for admins.</PageNotice>;
  const parsed = auditFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const page = await listAuditEvents(actor, filters);
  const query = new URLSearchParams(Object.entries(filters).filter(([key, value]) => key !== "cursor" && value !== undefined).map(([key, value]) => [key, String(value)]));
  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">Audit trail</h1>
      {!parsed.success && <p role="alert" className="text-sm text-rose-700">Some filters were not valid and were ignored.</p>}
      <form method="get" aria-label="Filter the audit trail" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        {FIELDS.map(([name, label]) => (
          <div key={name} className="flex flex-col">
            <label htmlFor={`audit-${name}`} className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
              {label}
            </label>
            <input id={`audit-${name}`} name={name} type={name === "from" || name === "to" ? "date" : "text"} defaultValue={(filters as Record<string, unknown>)[name] as string | undefined} className="mt-0.5 h-8 w-44 rounded border border-slate-300 px-1.5" />
          </div>
        ))}
        <button type="submit" className="h-8 rounded bg-slate-900 px-3 font-medium text-white">
          Apply
        </button>
        <a href={`/api/v1/audit/export?${query}`} className="flex h-8 items-center rounded border border-slate-300 px-3 hover:bg-slate-50">
          Export JSONL
        </a>
      </form>
      <DataTable columns={[{ label: "when" }, { label: "who" }, { label: "what" }, { label: "on" }, { label: "change" }]}>
        <tbody>
          {page.items.map((event) => (
            <tr key={event.id} className="border-t border-slate-100 align-top">
              <td className="whitespace-nowrap px-2 py-1 font-mono">{new Date(event.at).toLocaleString()}</td>
              <td className="px-2 py-1">{event.actor}</td>
              <td className="px-2 py-1 font-mono">{event.action}</td>
              <td className="px-2 py-1">
                <span className="font-mono">{event.entityType}</span>{" "}
                {event.entityType === "sample" && event.entityId ? (
                  <Link href={`/samples/${event.entityId}`} className="text-sky-800 underline">
                    {event.entityLabel ?? event.entityId}
                  </Link>
                ) : (
                  <span title={event.entityId ?? undefined}>{event.entityLabel ?? event.entityId ?? ""}</span>
                )}
              </td>
              <td className="max-w-xl px-2 py-1">
                <AuditChange before={event.before} after={event.after} />
              </td>
            </tr>
          ))}
          {page.items.length === 0 && (
            <tr>
              <td colSpan={5} className="px-2 py-3 text-center text-slate-500">
                No events match.
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
      {page.nextCursor && (
        <Link href={`/admin/audit?${new URLSearchParams({ ...Object.fromEntries(query), cursor: String(page.nextCursor) })}`} className="text-sm text-sky-800 underline">
          Older events
        </Link>
      )}
    </div>
  );
}
