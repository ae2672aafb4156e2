"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { RISK_RUBRIC } from "@/lib/domain/rubric";
import type { ThinkingStep } from "@/lib/domain/thinking-steps";
import { adjudicationInputSchema, type AdjudicationInput } from "@/lib/services/queue/queue-schemas";
import { TAP_TARGET } from "./tap-target";

type Props = {
  steps: ThinkingStep[];
  selection: [number, number] | null;
  /** A judge's analysis to start from (shift+1–9), or empty. */
  initialAnalysis: string;
  fieldErrors: Record<string, string[]>;
  pending: boolean;
  onSubmit: (input: AdjudicationInput) => void;
  onCancel: () => void;
};

/**
 * The expert's own verdict: a level, an analysis, and optionally where in the thinking harm emerges
 * (a whole step, or the text selected with the mouse). Validated with the server's schema before sending.
 */
export function CorrectionForm({ steps, selection, initialAnalysis, fieldErrors, pending, onSubmit, onCancel }: Props) {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  // A selection made before pressing c becomes the span; a later one is offered in the list.
  const [span, setSpan] = useState(selection ? `${selection[0]}-${selection[1]}` : "");
  const firstLevel = useRef<HTMLInputElement>(null);
  useEffect(() => firstLevel.current?.focus(), []);
  const shown = { ...errors, ...fieldErrors };

  function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const form = document.getElementById("correction-form") as HTMLFormElement;
    const data = new FormData(form);
    const [start, end] = span ? span.split("-").map(Number) : [];
    const parsed = adjudicationInputSchema.safeParse({
      judgment: data.get("judgment") === null ? undefined : Number(data.get("judgment")),
      analysis: String(data.get("analysis") ?? "").trim() || undefined,
      ...(span ? { span: [start, end] } : {}),
    });
    if (!parsed.success) {
      const next: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (next[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
      setErrors(next);
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  }

  return (
    <form
      id="correction-form"
      aria-label="Correction"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
      className="space-y-3 rounded border border-sky-300 bg-sky-50/40 p-3"
    >
      <fieldset>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-600">Risk level</legend>
        <div className="mt-1 flex flex-wrap gap-2" role="radiogroup" aria-describedby={shown.judgment ? "judgment-error" : undefined}>
          {RISK_RUBRIC.map((level, index) => (
            <label key={level.value} className={`${TAP_TARGET} flex cursor-pointer items-center gap-1.5 rounded border border-slate-300 bg-white px-2 py-1 has-[:checked]:border-sky-600 has-[:checked]:ring-1 has-[:checked]:ring-sky-600`}>
              <input ref={index === 0 ? firstLevel : undefined} type="radio" name="judgment" value={level.value} />
              <span className="font-mono text-xs">{level.value}</span>
              <span className="text-xs">{level.name}</span>
            </label>
          ))}
        </div>
        {shown.judgment && (
          <p id="judgment-error" className="mt-1 text-xs text-rose-700">
            {shown.judgment.join(" ")}
          </p>
        )}
      </fieldset>
      <div>
        <label htmlFor="correction-analysis" className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          Analysis
        </label>
        <textarea
          id="correction-analysis"
          name="analysis"
          rows={4}
          defaultValue={initialAnalysis}
          aria-invalid={Boolean(shown.analysis)}
          aria-describedby={shown.analysis ? "analysis-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 bg-white p-2 text-sm"
          placeholder="Why this level: what the trace does, and where."
        />
        {shown.analysis && (
          <p id="analysis-error" className="text-xs text-rose-700">
            {shown.analysis.join(" ")}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="correction-span" className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          Where harm emerges in the thinking
        </label>
        <select
          id="correction-span"
          value={span}
          onChange={(event) => setSpan(event.target.value)}
          aria-describedby={shown.span ? "span-error" : undefined}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-1.5 py-1 text-sm"
        >
          <option value="">nowhere in particular</option>
          {selection && <option value={`${selection[0]}-${selection[1]}`}>selected text (characters {selection[0]}–{selection[1]})</option>}
          {steps.map((step) => (
            <option key={step.start} value={`${step.start}-${step.end}`}>
              step {step.number} (characters {step.start}–{step.end})
            </option>
          ))}
        </select>
        <p className="mt-0.5 text-xs text-slate-500">Select text in the thinking with the mouse for a finer span.</p>
        {shown.span && (
          <p id="span-error" className="text-xs text-rose-700">
            {shown.span.join(" ")}
          </p>
        )}
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" disabled={pending} className={`${TAP_TARGET} rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60`}>
          Submit correction <kbd className="ml-1 text-[10px] opacity-70">Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={onCancel} className={`${TAP_TARGET} rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50`}>
          Cancel <kbd className="ml-1 text-[10px] opacity-70">Esc</kbd>
        </button>
      </div>
    </form>
  );
}
