"use client";

import { JudgeCard } from "@/components/samples/JudgeCard";
import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";

export function judgeLabel(name: string, index: number, blind: boolean): string {
  return blind ? `Judge ${String.fromCharCode(65 + index)}` : name;
}

/** The judges with their keys: pressing the number (or clicking) sides with that judge. */
export function WorkspaceJudges({ judges, route, blind, disabled, onSide }: { judges: SampleDetail["judges"]; route: string; blind: boolean; disabled: boolean; onSide: (name: string) => void }) {
  return (
    <ol className="space-y-2" aria-label="Judges">
      {judges.map((judge, index) => (
        <li key={judge.name}>
          <JudgeCard
            judge={judge}
            route={route}
            label={judgeLabel(judge.name, index, blind)}
            ariaLabel={`Judge ${index + 1}: ${judgeLabel(judge.name, index, blind)}`}
            action={
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
            }
          />
        </li>
      ))}
    </ol>
  );
}
