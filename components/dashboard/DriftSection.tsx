"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import type { DriftPoint } from "@/lib/stats/drift";

const PALETTE = ["#0369a1", "#b45309", "#15803d", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#a21caf"];
const FLAG = "#be123c";

type Series = { name: string; points: DriftPoint[] };

/** A flagged week is a larger red dot; the others are small dots in the series' colour. */
function dot(colour: string) {
  return function WeekDot(props: { cx?: number; cy?: number; payload?: Record<string, unknown>; dataKey?: unknown }) {
    const { cx, cy, payload, dataKey } = props;
    if (cx === undefined || cy === undefined || typeof dataKey !== "string" || payload?.[dataKey] === null) return <g />;
    const flagged = payload?.[`${dataKey}:flagged`] === true;
    return <circle cx={cx} cy={cy} r={flagged ? 4.5 : 2} fill={flagged ? FLAG : colour} stroke="none" />;
  };
}

/**
 * One small line chart of a drift figure: one line per series, and for a single series the week's own
 * 95% interval as a band. Flagged weeks (below the previous four weeks' interval) are red.
 */
function DriftChart({ title, weeks, series, percent }: { title: string; weeks: string[]; series: Series[]; percent?: boolean }) {
  const data = weeks.map((week, index) => {
    const row: Record<string, unknown> = { week: week.slice(5) };
    for (const { name, points } of series) {
      const point = points[index]!;
      row[name] = point.value;
      row[`${name}:flagged`] = point.flagged;
      if (series.length === 1) row.band = point.ci_low === null || point.ci_high === null ? null : [point.ci_low, point.ci_high];
    }
    return row;
  });
  const hasData = series.some(({ points }) => points.some((point) => point.value !== null));
  return (
    <figure className="rounded border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-xs font-medium">{title}</figcaption>
      {!hasData ? (
        <p className="text-sm text-slate-500">No weeks with data yet.</p>
      ) : (
        <div role="img" aria-label={`${title}, week by week; flagged weeks are listed below the charts.`}>
          <ResponsiveContainer width="100%" height={series.length > 1 ? 170 : 150}>
            <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="week" fontSize={10} />
              <YAxis fontSize={10} domain={percent ? [0, 1] : ["auto", 1]} tickFormatter={(value: number) => (percent ? `${Math.round(value * 100)}%` : value.toFixed(1))} />
              <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((bound: number) => bound.toFixed(3)).join("–") : typeof value === "number" ? value.toFixed(3) : String(value))} />
              {series.length > 1 && <Legend wrapperStyle={{ fontSize: 10 }} />}
              {series.length === 1 && <Area dataKey="band" stroke="none" fill="#bae6fd" fillOpacity={0.6} isAnimationActive={false} connectNulls name="95% interval" />}
              {series.map(({ name }, index) => (
                <Line key={name} dataKey={name} stroke={PALETTE[index % PALETTE.length]} strokeWidth={1.5} dot={dot(PALETTE[index % PALETTE.length]!)} isAnimationActive={false} connectNulls />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

/** Week by week: the judges' agreement, their accuracy against the experts, the experts' gold accuracy, the guard's F1. */
export function DriftSection({ dashboard }: { dashboard: Dashboard }) {
  const { drift } = dashboard.stats;
  const charts: { title: string; series: Series[]; percent?: boolean }[] = [
    { title: "Judges' α (ordinal)", series: [{ name: "α", points: drift.judges_alpha_ordinal }] },
    { title: "Each judge's accuracy against the experts", series: drift.judge_accuracy.map((row) => ({ name: row.judge, points: row.points })), percent: true },
    { title: "Each expert's gold accuracy", series: drift.expert_gold_accuracy.map((row) => ({ name: row.expert, points: row.points })), percent: true },
    { title: `Guard F1 against the experts${drift.guard_f1.model ? ` (${drift.guard_f1.model} ${drift.guard_f1.version})` : ""}`, series: [{ name: "F1", points: drift.guard_f1.points }], percent: true },
  ];
  const flags = charts.flatMap(({ title, series }) =>
    series.flatMap(({ name, points }) =>
      points.filter((point) => point.flagged).map((point) => ({ key: `${title}\t${name}\t${point.week}`, text: `${title}${series.length > 1 ? `, ${name}` : ""}: week of ${point.week} at ${point.value!.toFixed(3)}, below the previous four weeks' ${point.baseline_low!.toFixed(3)}–${point.baseline_high!.toFixed(3)}` })),
    ),
  );
  return (
    <section aria-labelledby="drift" className="space-y-3">
      <h2 id="drift" className="text-sm font-semibold">Drift, week by week</h2>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4">
        {charts.map((chart) => (
          <DriftChart key={chart.title} title={chart.title} weeks={drift.weeks} series={chart.series} percent={chart.percent} />
        ))}
      </div>
      {flags.length === 0 ? (
        <p className="text-xs text-slate-600">No week fell below the interval of the four weeks before it.</p>
      ) : (
        <ul aria-label="Flagged weeks" className="space-y-0.5 text-xs text-rose-800" data-testid="drift-flags">
          {flags.map((flag) => (
            <li key={flag.key}>{flag.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
