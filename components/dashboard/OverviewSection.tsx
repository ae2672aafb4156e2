"use client";

import Link from "next/link";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import { FigureInfo, type FigureExplanation } from "./FigureInfo";
import { samplesHref, TOO_FEW } from "./format";

const PALETTE = ["#0369a1", "#b45309", "#15803d", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#a21caf"];

/** Decisions per day, one series per expert, and the work left at each day's end. */
function timeSeries(dashboard: Dashboard) {
  const experts = [...new Set(dashboard.decisionsPerDay.map((row) => row.expert))];
  const days = [...new Set(dashboard.decisionsPerDay.map((row) => row.day))].sort();
  const perDay = days.map((day) => ({
    day,
    ...Object.fromEntries(experts.map((expert) => [expert, dashboard.decisionsPerDay.find((row) => row.day === day && row.expert === expert)?.count ?? 0])),
  }));
  // Left at a day's end = left now + everything decided after that day (later imports are not undone).
  const leftNow = dashboard.queue.first + dashboard.queue.second;
  const totals = days.map((day) => dashboard.decisionsPerDay.filter((row) => row.day === day).reduce((sum, row) => sum + row.count, 0));
  const burndown = days.map((day, index) => ({ day, left: leftNow + totals.slice(index + 1).reduce((sum, count) => sum + count, 0) }));
  return { experts, perDay, burndown };
}

export function OverviewSection({ dashboard }: { dashboard: Dashboard }) {
  const { stats, queue, dataset } = dashboard;
  const { experts, perDay, burndown } = timeSeries(dashboard);
  const routes = [
    ["unanimous", "3:0 unanimous"],
    ["majority", "2:1 majority"],
    ["no_majority", "no majority"],
    // Only where there are any: most datasets have judges on every sample.
    ...(stats.routing.reference > 0 ? ([["reference", "reference label only"]] as const) : []),
  ] as const;
  return (
    <section aria-labelledby="overview" className="space-y-3">
      <h2 id="overview" className="text-sm font-semibold">Overview</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <Tile label="Samples" value={<Link href={samplesHref(dataset, {})}>{stats.samples}</Link>} />
        {routes.map(([route, label]) => (
          <Tile key={route} label={label} value={<Link href={samplesHref(dataset, { route })}>{stats.routing[route]}</Link>} />
        ))}
        <Tile label="Queue: first opinions" value={queue.first} />
        <Tile label="Queue: second opinions" value={queue.second} />
        <Tile label="Open flags" value={<Link href={samplesHref(dataset, { discussion: "open_flag" })} data-testid="open-flags">{dashboard.discussion.openFlags}</Link>} />
        <Tile label="Discussion threads" value={<Link href={samplesHref(dataset, { discussion: "thread" })}>{dashboard.discussion.threads}</Link>} />
      </div>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <figure className="rounded border border-slate-200 bg-white p-3">
          <figcaption className="mb-2 text-xs font-medium">Decisions per day, by expert (last 30 days)</figcaption>
          {perDay.length === 0 ? (
            <p className="text-sm text-slate-500">No decisions yet.</p>
          ) : (
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={perDay}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="day" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                {experts.map((expert, index) => (
                  <Bar key={expert} dataKey={expert} stackId="experts" fill={PALETTE[index % PALETTE.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          )}
        </figure>
        <figure className="rounded border border-slate-200 bg-white p-3">
          <figcaption className="mb-2 text-xs font-medium">Burndown: queue left at each day&apos;s end</figcaption>
          {burndown.length === 0 ? (
            <p className="text-sm text-slate-500">No decisions yet: {queue.first + queue.second} samples wait.</p>
          ) : (
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={burndown}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="day" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Line type="monotone" dataKey="left" stroke="#0369a1" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          )}
        </figure>
      </div>
    </section>
  );
}

/** One figure. With `info`, its label carries the explanation (FigureInfo), and below TOO_FEW items the figure reads "too few". */
export function Tile({ label, value, detail, info }: { label: string; value: React.ReactNode; detail?: React.ReactNode; info?: FigureExplanation }) {
  const tooFew = info?.n !== undefined && info.n < TOO_FEW;
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2">
      <div className="text-[11px] font-medium tracking-wide text-slate-600">
        {label}
        {info && <FigureInfo label={label} {...info} />}
      </div>
      {tooFew ? (
        <div className="font-mono text-lg text-slate-600">too few ({info?.n})</div>
      ) : (
        <>
          <div className="font-mono text-lg text-slate-900">{value}</div>
          {detail && <div className="text-xs text-slate-600">{detail}</div>}
        </>
      )}
    </div>
  );
}
