import type { SampleDetail } from "@/lib/services/samples/get-sample";
import { RiskBadge } from "./RiskBadge";

/** The judges side by side; whoever disagrees with the majority (or everyone, without one) is marked. */
export function JudgeVerdicts({ judges, route }: { judges: SampleDetail["judges"]; route: string }) {
  return (
    <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${Math.min(judges.length, 3)}, minmax(0, 1fr))` }}>
      {judges.map((judge) => {
        const disagrees = judge.minority || route === "no_majority";
        return (
          <article
            key={judge.name}
            aria-label={`Judge ${judge.name}`}
            className={`rounded border bg-white p-3 ${disagrees ? "border-amber-400 ring-1 ring-amber-300" : "border-slate-200"}`}
          >
            <header className="mb-2 flex items-center justify-between gap-2">
              <h3 className="truncate font-mono text-xs font-semibold">{judge.name}</h3>
              <div className="flex items-center gap-1.5">
                {judge.minority && <span className="rounded bg-amber-100 px-1 text-[11px] font-medium text-amber-900">minority</span>}
                <RiskBadge value={judge.judgment} />
              </div>
            </header>
            <p className="whitespace-pre-wrap break-words text-[13px] leading-relaxed text-slate-700">{judge.analysis}</p>
          </article>
        );
      })}
    </div>
  );
}
