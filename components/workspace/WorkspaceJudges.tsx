"use client";

import { RiskBadge } from "@/components/samples/RiskBadge";
import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";

export function judgeLabel(name: string, index: number, blind: boolean): string {
  return blind ? `Judge ${String.fromCharCode(65 + index)}` : name;
}

/** The judges with their keys: pressing the number (or clicking) sides with that judge. */
export function WorkspaceJudges({ judges, route, blind, disabled, onSide }: { judges: SampleDetail["judges"]; route: string; blind: boolean; disabled: boolean; onSide: (name: string) => void }) {
  return (
    <ol className="space-y-2" aria-label="Judges">
      {judges.map((judge, index) => {
        const disagrees = judge.minority || route === "no_majority";
        return (
          <li key={judge.name}>
            <article aria-label={`Judge ${index + 1}: ${judgeLabel(judge.name, index, blind)}`} className={`rounded border bg-white p-2.5 ${disagrees ? "border-amber-400 ring-1 ring-amber-300" : "border-slate-200"}`}>
              <header className="mb-1 flex items-center gap-2">
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => onSide(judge.name)}
                  aria-keyshortcuts={String(index + 1)}
                  title={`Side with this judge (${index + 1})`}
                  className="rounded border border-slate-300 px-1.5 font-mono text-xs hover:bg-sky-50 disabled:opacity-50"
                >
                  {index + 1}
                </button>
                <h3 className="truncate font-mono text-xs font-semibold">{judgeLabel(judge.name, index, blind)}</h3>
                {judge.minority && <span className="rounded bg-amber-100 px-1 text-[11px] font-medium text-amber-900">minority</span>}
                <span className="ml-auto">
                  <RiskBadge value={judge.judgment} />
                </span>
              </header>
              <p className="whitespace-pre-wrap break-words text-[13px] leading-relaxed text-slate-700">{judge.analysis}</p>
            </article>
          </li>
        );
      })}
    </ol>
  );
}
