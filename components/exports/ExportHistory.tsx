import type { ExportView } from "@/lib/services/exports/export-view";
import { DataTable } from "@/components/app/DataTable";
import { PromptHash } from "@/components/prelabels/PromptHash";
import { optionsSummary } from "@/lib/export/options-summary";

function Progress({ item }: { item: ExportView }) {
  if (item.status === "succeeded" && item.rowsWritten === 0) {
    // A bundle with nothing in it is almost always a filter that matched nothing: say so, not "done".
    return (
      <span className="rounded bg-amber-100 px-1.5 text-amber-900" data-testid="export-empty">
        done · 0 rows: nothing matched its filters
      </span>
    );
  }
  if (item.status === "succeeded") return <span className="text-emerald-800">done · {item.rowsWritten} rows</span>;
  if (item.status === "failed") return <span className="text-rose-700">failed: {item.error}</span>;
  const label = item.status === "queued" ? "queued" : `${item.rowsWritten} rows written`;
  return (
    <span className="flex items-center gap-2">
      <progress aria-label={`Export ${item.id.slice(0, 8)} progress`} className="h-2 w-32" max={item.rowsTotal ?? undefined} value={item.rowsTotal ? item.rowsWritten : undefined} />
      <span>{label}</span>
    </span>
  );
}

function Options({ filters }: { filters: Record<string, unknown> }) {
  const summary = optionsSummary(filters);
  if (summary.length === 0) return <span className="text-slate-600">all samples, defaults</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {summary.map(([field, value]) => (
        <li key={field} className="rounded bg-slate-100 px-1.5 font-mono text-[11px]">
          {field} {value}
        </li>
      ))}
    </ul>
  );
}

export function ExportHistory({ items }: { items: ExportView[] }) {
  return (
    <section aria-labelledby="export-history" className="space-y-2">
      <h2 id="export-history" className="text-sm font-semibold">History</h2>
      <DataTable columns={[{ label: "started" }, { label: "kind" }, { label: "format" }, { label: "filters and settings" }, { label: "guard profile" }, { label: "by" }, { label: "status" }, { label: "bundle" }]}>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-t border-slate-100 align-top" data-testid="export-row">
              <td className="px-2 py-1 font-mono">{new Date(item.createdAt).toLocaleString()}</td>
              <td className="px-2 py-1">{item.kind}</td>
              <td className="px-2 py-1">{item.format}</td>
              <td className="px-2 py-1" data-testid="export-filters">
                <Options filters={item.filters} />
              </td>
              <td className="px-2 py-1">
                {item.manifest?.guardProfile ? (
                  <>
                    {item.manifest.guardProfile.name} · <PromptHash sha256={item.manifest.guardProfile.systemPromptSha256} />
                  </>
                ) : (
                  <span className="text-slate-600">{item.status === "succeeded" ? "not recorded" : "—"}</span>
                )}
              </td>
              <td className="px-2 py-1">{item.createdBy ?? "command line"}</td>
              <td className="px-2 py-1" aria-live="polite">
                <Progress item={item} />
              </td>
              <td className="px-2 py-1">
                {item.downloadUrl && (
                  <a href={item.downloadUrl} className="text-sky-800 underline" download>
                    Download zip
                  </a>
                )}
                {item.manifest && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-600">manifest</summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-[11px]">{JSON.stringify(item.manifest, null, 2)}</pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={8} className="px-2 py-3 text-center text-slate-600">
                No exports yet.
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
    </section>
  );
}
