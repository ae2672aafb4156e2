"use client";

import { useState } from "react";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import type { EvaluationRow } from "@/lib/stats/evaluation";
import { EVALUATION_METRICS, evaluationTable, type EvaluationMetric } from "@/lib/stats/evaluation-table";

const METRIC_LABELS: Record<EvaluationMetric, string> = { f1: "F1 (harmful vs safe)", macro_f1: "Macro-F1 (three levels)", accuracy: "Accuracy (three levels)" };
const BASES = [
  { key: "reference", title: "Against reference labels", field: "vs_reference" },
  { key: "expert", title: "Against expert decisions", field: "vs_expert" },
] as const;

const percent = (value: number | null) => (value === null ? "–" : (value * 100).toFixed(2));

/**
 * The paper's headline table: each pre-label model version as a row, each benchmark (sample source) as a
 * column, and the mean over benchmarks; against the reference labels and against the experts.
 */
export function EvaluationSection({ dashboard }: { dashboard: Dashboard }) {
  const [metric, setMetric] = useState<EvaluationMetric>("f1");
  const { evaluation } = dashboard.stats;
  const hasRows = evaluation.vs_reference.length > 0 || evaluation.vs_expert.length > 0;
  return (
    <section aria-labelledby="evaluation" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="evaluation" className="text-sm font-semibold">Guard evaluation by benchmark</h2>
        {hasRows && (
          <label className="flex items-center gap-2 text-xs">
            Figure
            <select value={metric} onChange={(event) => setMetric(event.target.value as EvaluationMetric)} className="rounded border border-slate-300 bg-white px-2 py-1">
              {EVALUATION_METRICS.map((key) => (
                <option key={key} value={key}>
                  {METRIC_LABELS[key]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!hasRows && (
        <p className="text-sm text-slate-600">
          No model has pre-labels on samples with a reference label or an expert decision yet. Import a benchmark with its labels
          (<code className="font-mono">gts import … --layout guardtrace</code>) and a guard&apos;s output (<code className="font-mono">gts prelabel import</code>).
        </p>
      )}
      {BASES.map(({ key, title, field }) =>
        evaluation[field].length === 0 ? null : <EvaluationTableView key={key} basis={key} title={title} rows={evaluation[field]} metric={metric} dataset={dashboard.dataset} />,
      )}
    </section>
  );
}

function EvaluationTableView({ basis, title, rows, metric, dataset }: { basis: string; title: string; rows: EvaluationRow[]; metric: EvaluationMetric; dataset: string | null }) {
  const table = evaluationTable(rows, metric);
  const download = (format: "csv" | "markdown") => `/api/v1/stats/evaluation?${new URLSearchParams({ ...(dataset ? { dataset } : {}), basis, metric, format })}`;
  const nOf = (model: string, version: string, source: string) => rows.find((row) => row.model === model && row.version === version && row.source === source)?.n ?? 0;
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <div className="overflow-x-auto">
        <table className="min-w-full text-xs" aria-label={`${title}: ${METRIC_LABELS[metric]}`}>
          <caption className="mb-1 text-left font-medium">
            {title}: {METRIC_LABELS[metric]}, in %; the average is the mean over benchmarks; n in the tooltip
          </caption>
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="py-1 pr-3 font-medium">Model</th>
              {table.sources.map((source) => (
                <th key={source} scope="col" className="px-2 py-1 text-right font-medium">{source}</th>
              ))}
              <th scope="col" className="px-2 py-1 text-right font-medium">Avg.</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">n</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={`${row.model}:${row.version}`} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 text-left font-mono font-normal">
                  {row.model} <span className="text-slate-600">{row.version}</span>
                </th>
                {row.cells.map((value, index) => (
                  <td key={table.sources[index]} className="px-2 py-1 text-right font-mono" title={`n ${nOf(row.model, row.version, table.sources[index]!)}`}>
                    {percent(value)}
                  </td>
                ))}
                <td className="px-2 py-1 text-right font-mono font-semibold">{percent(row.average)}</td>
                <td className="px-2 py-1 text-right font-mono">{row.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 flex gap-3 text-xs">
        <a className="text-sky-800 underline" href={download("csv")} download>Download CSV</a>
        <a className="text-sky-800 underline" href={download("markdown")} download>Download Markdown</a>
      </p>
    </div>
  );
}
