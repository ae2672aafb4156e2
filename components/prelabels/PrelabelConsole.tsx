"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import type { PrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";
import { DataTable } from "@/components/app/DataTable";
import { ExportProfileCheck } from "./ExportProfileCheck";
import { ModelProfiles } from "./ModelProfiles";
import { PrelabelFailures } from "./PrelabelFailures";

const fetchPanel = () => apiJson<PrelabelPanel>("/api/v1/prelabel-panel");

/**
 * Coverage per dataset and model version, the worker queue, its failures (with the replies refused) and
 * throughput, the profile each model version ran with and, for admins, exports checked against it.
 */
export function PrelabelConsole({ initial, canQueue }: { initial: PrelabelPanel; canQueue: boolean }) {
  const panel = useQuery({ queryKey: ["prelabel-panel"], queryFn: fetchPanel, initialData: initial, refetchInterval: 3000 });
  const [dataset, setDataset] = useState("");
  const run = useMutation({
    mutationFn: () =>
      apiJson<{ queued: number; model: string; version: string }>("/api/v1/prelabel-runs", { method: "POST", body: JSON.stringify(dataset ? { dataset } : {}) }),
    onSuccess: () => void panel.refetch(),
  });
  const { coverage, queue, failures, throughput, models, exports, current } = panel.data;
  const datasets = [...new Set(coverage.map((row) => row.dataset))];
  return (
    <div className="space-y-4">
      <h1 className="text-base font-semibold">Guard pre-labels</h1>
      <section aria-labelledby="workers" className="space-y-2">
        <h2 id="workers" className="text-sm font-semibold">Workers</h2>
        <dl className="grid grid-cols-3 gap-3 md:grid-cols-7">
          {(
            [
              ["queued", queue.created],
              ["retrying", queue.retry],
              ["active", queue.active],
              ["done", queue.completed],
              ["failed", queue.failed],
              ["dead-lettered", queue.deadLettered],
              ["per second (1 min)", throughput.lastMinute.toFixed(1)],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="rounded border border-slate-200 bg-white px-3 py-2">
              <dt className="text-[11px] text-slate-500">{label}</dt>
              <dd className="font-mono text-lg" data-testid={`queue-${label.split(" ")[0]}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <PrelabelFailures failures={failures} />
      {canQueue && (
        <form
          aria-label="Queue a pre-label run"
          onSubmit={(event) => {
            event.preventDefault();
            run.mutate();
          }}
          className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm"
        >
          <div className="flex flex-col">
            <label htmlFor="prelabel-dataset" className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
              Dataset
            </label>
            <select id="prelabel-dataset" value={dataset} onChange={(event) => setDataset(event.target.value)} className="mt-0.5 h-8 rounded border border-slate-300 bg-white px-1.5">
              <option value="">all datasets</option>
              {datasets.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={run.isPending} className="h-8 rounded bg-slate-900 px-3 font-medium text-white disabled:opacity-60">
            Queue pre-labels for what lacks them
          </button>
          <p role="status" aria-live="polite" className={run.isError ? "text-rose-700" : "text-slate-700"}>
            {run.isError ? run.error.message : run.data ? `Queued ${run.data.queued} job(s) for ${run.data.model} ${run.data.version}.` : ""}
          </p>
        </form>
      )}
      <section aria-labelledby="coverage" className="space-y-2">
        <h2 id="coverage" className="text-sm font-semibold">Coverage per model version</h2>
        <DataTable columns={[{ label: "dataset" }, { label: "model" }, { label: "labelled", numeric: true }, { label: "coverage" }]}>
          <tbody>
            {coverage.map((row) => (
              <tr key={`${row.dataset}:${row.model}:${row.version}`} className="border-t border-slate-100">
                <td className="px-2 py-1">{row.dataset}</td>
                <td className="px-2 font-mono">{row.model ? `${row.model} ${row.version}` : "none yet"}</td>
                <td className="px-2 text-right font-mono">
                  {row.labelled} / {row.samples}
                </td>
                <td className="px-2">
                  <progress aria-label={`${row.dataset} ${row.model ?? ""} coverage`} max={row.samples || 1} value={row.labelled} className="h-2 w-40" />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
      <ModelProfiles models={models} />
      {exports && <ExportProfileCheck exports={exports} current={current} />}
    </div>
  );
}
