"use client";

import { useEffect, useRef } from "react";
import { RiskBadge } from "@/components/samples/RiskBadge";
import type { CalibrationNote } from "./use-queue-session";

/**
 * After each calibration answer: right or wrong, the known answer and why, and where the round stands.
 * Focus moves to the button that goes on, so Enter continues and a screen reader reads the verdict.
 */
export function CalibrationFeedback({ note, onContinue }: { note: CalibrationNote; onContinue: () => void }) {
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), [note]);
  const { feedback } = note;
  const tone = feedback.correct ? "border-emerald-300 bg-emerald-50" : "border-rose-300 bg-rose-50";
  return (
    <section aria-labelledby="calibration-verdict" className={`space-y-2 rounded border p-3 text-sm ${tone}`} data-testid="calibration-feedback">
      <h2 id="calibration-verdict" className="font-semibold">
        Calibration: {feedback.correct ? "matches the reference" : "differs from the reference"}
      </h2>
      <p className="flex flex-wrap items-center gap-2">
        You {note.summary}. Reference <RiskBadge value={feedback.reference.judgment} />
      </p>
      {feedback.reference.explanation && <p className="whitespace-pre-wrap text-slate-800">{feedback.reference.explanation}</p>}
      <p className="text-xs text-slate-700" data-testid="calibration-progress">
        {feedback.correctSoFar} of {feedback.answered} right · {feedback.required} in the round · pass at {Math.round(feedback.floor * 100)}%
        {feedback.outcome === "passed" && <strong className="ml-1">· Passed: the real queue is open.</strong>}
        {feedback.outcome === "failed" && <strong className="ml-1">· Not passed: an admin can reset the round.</strong>}
      </p>
      <button ref={next} type="button" onClick={onContinue} className="rounded bg-slate-900 px-3 py-1 text-xs text-white hover:bg-slate-700">
        {feedback.outcome === "open" ? "Next calibration sample" : "Continue"}
      </button>
    </section>
  );
}
