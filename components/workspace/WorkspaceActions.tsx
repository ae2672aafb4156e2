"use client";

import { TAP_TARGET } from "./tap-target";
import { judgeLabel } from "./WorkspaceJudges";

type Props = {
  judges: { name: string }[];
  blind: boolean;
  disabled: boolean;
  canUndo: boolean;
  onSide: (name: string) => void;
  onCorrect: () => void;
  onSkip: () => void;
  onFlag: () => void;
  onUndo: () => void;
};

const BUTTON = `${TAP_TARGET} rounded border border-slate-300 bg-white px-2 text-xs font-medium text-slate-900 hover:bg-sky-50 disabled:opacity-50`;

/**
 * Every decision key as a button (docs/adjudication.md): the judges by their numbers, correction, skip,
 * flag and undo. Below 900 px it is fixed to the bottom of the screen, so a phone works the queue with the
 * thumb wherever the reader is in the trace; above it, the judges' own numbered buttons stand for the first.
 */
export function WorkspaceActions({ judges, blind, disabled, canUndo, onSide, onCorrect, onSkip, onFlag, onUndo }: Props) {
  return (
    <div
      role="toolbar"
      aria-label="Decide"
      className="fixed inset-x-0 bottom-0 z-10 flex flex-wrap items-center gap-1.5 border-t border-slate-200 bg-white/95 px-3 py-2 shadow-[0_-2px_6px_rgba(15,23,42,0.08)] min-[900px]:static min-[900px]:rounded min-[900px]:border min-[900px]:px-2 min-[900px]:py-1.5 min-[900px]:shadow-none"
    >
      {judges.map((judge, index) => (
        <button key={judge.name} type="button" disabled={disabled} onClick={() => onSide(judge.name)} aria-keyshortcuts={String(index + 1)} className={`${BUTTON} min-[900px]:hidden`}>
          <kbd className="font-mono">{index + 1}</kbd> {judgeLabel(judge.name, index, blind)}
          <span className="sr-only">, side with this judge</span>
        </button>
      ))}
      <button type="button" disabled={disabled} onClick={onCorrect} aria-keyshortcuts="c" className={BUTTON}>
        Correct <kbd className="text-slate-600">c</kbd>
      </button>
      <button type="button" disabled={disabled} onClick={onSkip} aria-keyshortcuts="s" className={BUTTON}>
        Skip <kbd className="text-slate-600">s</kbd>
      </button>
      <button type="button" disabled={disabled} onClick={onFlag} aria-keyshortcuts="f" className={BUTTON}>
        Flag <kbd className="text-slate-600">f</kbd>
      </button>
      <button type="button" disabled={!canUndo} onClick={onUndo} aria-keyshortcuts="u" className={BUTTON}>
        Undo <kbd className="text-slate-600">u</kbd>
      </button>
    </div>
  );
}
