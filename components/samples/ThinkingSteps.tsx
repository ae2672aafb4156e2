import { Fragment } from "react";
import { markSegments, type SpanMark } from "@/lib/domain/span-marks";
import { splitThinking } from "@/lib/domain/thinking-steps";

/**
 * The trace as numbered steps, with marked spans highlighted (who marked each is in its title and read
 * out after it). Rendered as text nodes only: traces hold hostile content. Every run of text sits in an
 * element carrying `data-offset`, the index of its first character in the thinking, so that a selection
 * maps back to exact offsets (components/workspace/selection-span.ts).
 */
export function ThinkingSteps({ thinking, marks = [] }: { thinking: string; marks?: SpanMark[] }) {
  const steps = splitThinking(thinking);
  if (steps.length === 0) return <p className="text-sm italic text-slate-500">The thinking is empty.</p>;
  return (
    <ol className="space-y-1.5" data-testid="thinking-steps">
      {steps.map((step) => (
        <li key={step.start} className="grid grid-cols-[2.25rem_1fr] gap-2" data-start={step.start} data-end={step.end}>
          <span className="select-none pt-0.5 text-right font-mono text-xs text-slate-500" aria-hidden="true">
            {step.number}
          </span>
          <p className="whitespace-pre-wrap break-words">
            {markSegments(step.start, step.text, marks).map((segment) =>
              segment.marks.length === 0 ? (
                <span key={segment.start} data-offset={segment.start}>
                  {segment.text}
                </span>
              ) : (
                <Fragment key={segment.start}>
                  <mark
                    data-offset={segment.start}
                    title={`marked by ${segment.marks.map((mark) => mark.label).join(", ")}`}
                    className={`rounded-sm text-inherit ${segment.marks.length > 1 ? "bg-amber-300" : "bg-amber-200"}`}
                  >
                    {segment.text}
                  </mark>
                  {/* Outside the mark, which holds only the trace's text: a selection never lands in the label. */}
                  <span className="sr-only"> (marked by {segment.marks.map((mark) => mark.label).join(", ")})</span>
                </Fragment>
              ),
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
