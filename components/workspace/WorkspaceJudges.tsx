"use client";

import { JudgeCard } from "@/components/samples/JudgeCard";
import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";
import { TAP_TARGET } from "./tap-target";

export function judgeLabel(name: string, index: number, blind: boolean): string {
  return blind ? `Judge ${String.fromCharCode(65 + index)}` : name;
}

type Props = {
  judges: SampleDetail["judges"];
  route: string;
  blind: boolean;
  disabled: boolean;
  onSide: (name: string) => void;
  /** shift+n's button: a correction that starts from this judge's analysis. */
  onCorrectFrom: (index: number) => void;
};

/** The judges with their keys: pressing the number (or clicking) sides with that judge; shift and the number corrects from its analysis. */
export function WorkspaceJudges({ judges, route, blind, disabled, onSide, onCorrectFrom }: Props) {
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
                aria-label={`${index + 1}: side with ${judgeLabel(judge.name, index, blind)}`}
                title={`Side with this judge (${index + 1})`}
                className={`${TAP_TARGET} rounded border border-slate-300 px-1.5 font-mono text-xs hover:bg-sky-50 disabled:opacity-50`}
              >
                {index + 1}
              </button>
            }
            footer={
              <button
                type="button"
                disabled={disabled}
                onClick={() => onCorrectFrom(index)}
                aria-keyshortcuts={`Shift+${index + 1}`}
                className={`${TAP_TARGET} mt-1 rounded px-1 text-xs text-sky-800 underline hover:bg-sky-50 disabled:opacity-50`}
              >
                Correct from this analysis <kbd className="text-slate-700 no-underline">shift+{index + 1}</kbd>
              </button>
            }
          />
        </li>
      ))}
    </ol>
  );
}
