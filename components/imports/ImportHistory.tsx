"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import type { ImportRunDetail, ImportRunView } from "@/lib/services/import/list-imports";

const STATUS_STYLE: Record<ImportRunView["status"], string> = {
  queued: "text-slate-700",
  running: "text-sky-800",
  succeeded: "text-emerald-800",
  failed: "text-rose-800 font-medium",
  interrupted: "text-amber-900 font-medium",
};

/** Every import, the CLI's and the page's, with progress while one streams and its reasons once done. */
export function ImportHistory({ runs }: { runs: ImportRunView[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="import-history" className="space-y-2">
      <h2 id="import-history" className="text-sm font-semibold">History</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-left text-xs">
          <caption className="sr-only">Imports, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Started</th>
              <th scope="col" className="px-3 py-2">File</th>
              <th scope="col" className="px-3 py-2">Dataset</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2 text-right">Imported</th>
              <th scope="col" className="px-3 py-2 text-right">Updated</th>
              <th scope="col" className="px-3 py-2 text-right">Unchanged</th>
              <th scope="col" className="px-3 py-2 text-right">Rejected</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {runs.length === 0 && (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-600">No imports yet.</td>
              </tr>
            )}
            {runs.map((run) => (
              <RunRows key={run.id} run={run} open={open === run.id} onToggle={() => setOpen(open === run.id ? null : run.id)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RunRows({ run, open, onToggle }: { run: ImportRunView; open: boolean; onToggle: () => void }) {
  const active = run.status === "queued" || run.status === "running";
  return (
    <>
      <tr data-testid="import-run">
        <td className="whitespace-nowrap px-3 py-1.5 font-mono">{new Date(run.startedAt).toLocaleString()}</td>
        <td className="max-w-48 truncate px-3 py-1.5 font-mono" title={run.fileName}>
          {run.fileName} <span className="text-slate-600">{[run.format, run.layout].filter(Boolean).join(" · ")}</span>
        </td>
        <td className="px-3 py-1.5">{run.dataset ?? "—"}</td>
        <td className={`whitespace-nowrap px-3 py-1.5 ${STATUS_STYLE[run.status]}`}>
          {run.status}
          {active && (
            <span className="ml-2 inline-flex items-center gap-1">
              <span role="progressbar" aria-label={`Import of ${run.fileName}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(run.progress * 100)} className="inline-block h-1.5 w-20 overflow-hidden rounded bg-slate-200">
                <span className="block h-full bg-sky-600" style={{ width: `${Math.round(run.progress * 100)}%` }} />
              </span>
              <span className="font-mono">{run.recordsRead} read</span>
            </span>
          )}
        </td>
        <td className="px-3 py-1.5 text-right font-mono">{run.imported}</td>
        <td className="px-3 py-1.5 text-right font-mono">{run.updated}</td>
        <td className="px-3 py-1.5 text-right font-mono">{run.unchanged}</td>
        <td className="px-3 py-1.5 text-right font-mono">{run.rejected}</td>
        <td className="px-3 py-1.5 text-right">
          {(run.rejected > 0 || run.error) && (
            <button type="button" onClick={onToggle} aria-expanded={open} className="text-sky-800 underline">
              {open ? "Hide" : "Reasons"}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={9} className="bg-slate-50 px-3 py-2">
            <RunReasons run={run} />
          </td>
        </tr>
      )}
    </>
  );
}

function RunReasons({ run }: { run: ImportRunView }) {
  const detail = useQuery({ queryKey: ["import", run.id], queryFn: () => apiJson<ImportRunDetail>(`/api/v1/imports/${run.id}`) });
  const noun = run.format && run.format !== "jsonl" ? "record" : "line";
  return (
    <div className="space-y-1 text-xs">
      {run.error && <p className="text-rose-800">{run.error}</p>}
      {detail.isError && <p role="alert" className="text-rose-800">{detail.error.message}</p>}
      {detail.data && (
        <ol className="max-h-64 space-y-0.5 overflow-y-auto font-mono" aria-label="Rejected records">
          {detail.data.rejections.map((rejection) => (
            <li key={rejection.line}>
              {noun} {rejection.line}: <span className="whitespace-pre-wrap break-words">{rejection.reason}</span>
            </li>
          ))}
        </ol>
      )}
      {detail.data && detail.data.rejected > detail.data.rejections.length && (
        <p className="text-slate-700">The first {detail.data.rejections.length} of {detail.data.rejected} are shown{run.hasRejectsFile ? "; the rejects file has them all" : ""}.</p>
      )}
      {run.hasRejectsFile && (
        <a href={`/api/v1/imports/${run.id}/rejects`} download className="text-sky-800 underline">
          Download the rejects (each record with its reason)
        </a>
      )}
    </div>
  );
}
