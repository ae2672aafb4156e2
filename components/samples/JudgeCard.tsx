import type { ReactNode } from "react";
import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";
import { RiskBadge } from "./RiskBadge";

type Judge = SampleDetail["judges"][number];

/**
 * One judge's verdict, on the sample page and in the workspace alike: whoever disagrees with the majority
 * (or everyone, without one) is outlined. `label` is the name shown (a letter in blind mode), `action`
 * what goes before it (the workspace's numbered button), `footer` what follows the analysis.
 */
export function JudgeCard({ judge, route, label, ariaLabel, action, footer }: { judge: Judge; route: string; label: string; ariaLabel: string; action?: ReactNode; footer?: ReactNode }) {
  const disagrees = judge.minority || route === "no_majority";
  return (
    <article aria-label={ariaLabel} className={`rounded border bg-white p-2.5 ${disagrees ? "border-amber-400 ring-1 ring-amber-300" : "border-slate-200"}`}>
      <header className="mb-1 flex items-center gap-2">
        {action}
        <h3 className="truncate font-mono text-xs font-semibold">{label}</h3>
        {judge.minority && <span className="rounded bg-amber-100 px-1 text-[11px] font-medium text-amber-900">minority</span>}
        <span className="ml-auto">
          <RiskBadge value={judge.judgment} />
        </span>
      </header>
      <p className="whitespace-pre-wrap break-words text-[13px] leading-relaxed text-slate-700">{judge.analysis}</p>
      {footer}
    </article>
  );
}
