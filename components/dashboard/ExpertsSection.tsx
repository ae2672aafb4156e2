import Link from "next/link";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import { readAlpha, readKappa } from "@/lib/stats/readings";
import { FigureInfo } from "./FigureInfo";
import { figure, percent, samplesHref, unlessTooFew } from "./format";
import { Tile } from "./OverviewSection";
import { DataTable } from "@/components/app/DataTable";

/** A column name with its explanation; the n is each row's own. */
function headerWithInfo(label: string, definition: string) {
  return (
    <>
      {label}
      <FigureInfo label={label} definition={definition} />
    </>
  );
}

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  return seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
}

export function ExpertsSection({ dashboard }: { dashboard: Dashboard }) {
  const { experts } = dashboard.stats;
  return (
    <section aria-labelledby="experts" className="space-y-3">
      <h2 id="experts" className="text-sm font-semibold">Experts</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile label="Adjudicated" value={<Link href={samplesHref(dashboard.dataset, { status: "adjudicated" })} data-testid="adjudicated">{experts.adjudicated}</Link>} />
        <Tile label="Overturned the majority" value={experts.overturned_majority} />
        <Tile label="Double-adjudicated" value={experts.double_adjudicated} />
        <Tile
          label="Expert–expert κ"
          value={<span data-testid="expert-kappa">{figure(experts.expert_kappa)}</span>}
          info={{ definition: "Cohen's κ between the first and the second expert on each double-adjudicated sample: agreement beyond chance, levels as categories.", n: experts.double_adjudicated, reading: readKappa(experts.expert_kappa) }}
        />
      </div>
      <DataTable columns={[{ label: "expert" }, { label: "decisions", numeric: true }, { label: headerWithInfo("overturn rate of 2:1 majorities", "The share of an expert's decisions on 2:1 samples that went against the majority's level; the n is theirs, in brackets."), numeric: true }, { label: headerWithInfo("median time per decision", "The median time from opening a sample to deciding it; below 20 decisions it reads \"too few\"."), numeric: true }]} caption="Per expert">
        <tbody>
          {dashboard.experts.map((row) => (
            <tr key={row.expert} className="border-t border-slate-100">
              <td className="px-2 py-1">{row.expert}</td>
              <td className="px-2 text-right font-mono">
                <Link href={samplesHref(dashboard.dataset, { expert: row.expert })} className="hover:underline">
                  {row.decisions}
                </Link>
              </td>
              <td className="px-2 text-right font-mono">
                {percent(row.overturned, row.majorityDecided)} ({row.overturned}/{row.majorityDecided})
              </td>
              <td className="px-2 text-right font-mono">{unlessTooFew(row.decisions, duration(row.medianSeconds))}</td>
            </tr>
          ))}
          {dashboard.experts.length === 0 && (
            <tr>
              <td colSpan={4} className="px-2 py-3 text-center text-slate-500">
                No decisions yet.
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
      <GoldAccuracyTable gold={experts.gold} />
      <SpanAgreementFigures spans={experts.span_agreement} />
    </section>
  );
}

/** Each expert's accuracy on gold samples with its Wilson 95% interval (docs/quality-control.md). */
function GoldAccuracyTable({ gold }: { gold: Dashboard["stats"]["experts"]["gold"] }) {
  return (
    <DataTable columns={[{ label: "expert" }, { label: "gold answers", numeric: true }, { label: "correct", numeric: true }, { label: "accuracy", numeric: true }, { label: headerWithInfo("95% interval", "The Wilson score interval for the accuracy: where the expert's true accuracy lies with 95% confidence. An expert is paused when its upper end falls below the dataset's floor."), numeric: true }, { label: "status" }]} caption="Gold accuracy per expert">
      <tbody>
        {gold.map((row) => (
          <tr key={row.expert} className="border-t border-slate-100">
            <td className="px-2 py-1">{row.expert}</td>
            <td className="px-2 text-right font-mono">{row.n}</td>
            <td className="px-2 text-right font-mono">{row.correct}</td>
            <td className="px-2 text-right font-mono">{row.accuracy === null ? "—" : `${(100 * row.accuracy).toFixed(1)}%`}</td>
            <td className="px-2 text-right font-mono">{row.ci_low === null || row.ci_high === null ? "—" : `${(100 * row.ci_low).toFixed(1)}–${(100 * row.ci_high).toFixed(1)}%`}</td>
            <td className="px-2">{row.paused ? <span className="rounded bg-amber-100 px-1.5 text-amber-900">paused</span> : "working"}</td>
          </tr>
        ))}
        {gold.length === 0 && (
          <tr>
            <td colSpan={6} className="px-2 py-3 text-center text-slate-500">
              No gold answers yet. Set a gold rate on a dataset to score the experts.
            </td>
          </tr>
        )}
      </tbody>
    </DataTable>
  );
}

/** Where two experts agree that harm starts, over double-adjudicated samples with two spans (docs/statistics.md). */
function SpanAgreementFigures({ spans }: { spans: Dashboard["stats"]["experts"]["span_agreement"] }) {
  const distance = (summary: typeof spans.char_distance) => (summary.median === null ? "—" : `${summary.median} (p90 ${summary.p90}, max ${summary.max})`);
  return (
    <div className="space-y-2" data-testid="span-agreement">
      <h3 className="text-xs font-semibold text-slate-700">Where harm starts: {spans.n} double-adjudicated samples with two spans</h3>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile label="Start in the same step" value={spans.same_step_share === null ? "—" : `${(100 * spans.same_step_share).toFixed(1)}%`} info={{ definition: "The share of these samples where both experts' spans start in the same thinking step.", n: spans.n }} />
        <Tile
          label="α (interval) of the start step"
          value={figure(spans.alpha_interval_start_step)}
          info={{ definition: "Krippendorff's α with the interval distance on the step number where each expert's span starts.", n: spans.n, reading: readAlpha(spans.alpha_interval_start_step) }}
        />
        <Tile label="Median distance, characters" value={distance(spans.char_distance)} info={{ definition: "How many characters apart the two span starts are: the median, the 90th percentile and the largest.", n: spans.n }} />
        <Tile label="Median distance, steps" value={distance(spans.step_distance)} info={{ definition: "How many thinking steps apart the two span starts are: the median, the 90th percentile and the largest.", n: spans.n }} />
      </div>
      <DataTable columns={[{ label: "start steps apart" }, ...spans.step_distance.histogram.map((bin) => ({ label: bin.bucket, numeric: true }))]} caption="Distance between the two span starts, in thinking steps">
        <tbody>
          <tr className="border-t border-slate-100">
            <td className="px-2 py-1">samples</td>
            {spans.step_distance.histogram.map((bin) => (
              <td key={bin.bucket} className="px-2 text-right font-mono">
                {bin.count}
              </td>
            ))}
          </tr>
        </tbody>
      </DataTable>
    </div>
  );
}
