"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useCallback, useMemo, useState } from "react";
import { markSegments, type SpanMark } from "@/lib/domain/span-marks";
import { splitThinking, type ThinkingStep } from "@/lib/domain/thinking-steps";

/**
 * Above this many steps only those near the viewport are in the page: a 1 MiB trace has thousands, and
 * laying them all out at once blocks the page for seconds. Below it every step is there, so the browser's
 * find works over the whole trace.
 */
const WINDOWED_FROM = 300;

/**
 * The trace as numbered steps, with marked spans highlighted (who marked each is in its title and read
 * out after it). Rendered as text nodes only: traces hold hostile content. Every run of text sits in an
 * element carrying `data-offset`, the index of its first character in the thinking, so that a selection
 * maps back to exact offsets (components/workspace/selection-span.ts), windowed or not.
 */
export function ThinkingSteps({ thinking, marks = [] }: { thinking: string; marks?: SpanMark[] }) {
  const steps = useMemo(() => splitThinking(thinking), [thinking]);
  if (steps.length === 0) return <p className="text-sm italic text-slate-500">The thinking is empty.</p>;
  if (steps.length >= WINDOWED_FROM) return <WindowedSteps steps={steps} marks={marks} />;
  return (
    <ol className="space-y-1.5" data-testid="thinking-steps">
      {steps.map((step) => (
        <Step key={step.start} step={step} marks={marks} />
      ))}
    </ol>
  );
}

/** The steps of a long trace, windowed over the page's own scrolling (each measured once shown). */
function WindowedSteps({ steps, marks }: { steps: ThinkingStep[]; marks: SpanMark[] }) {
  const [top, setTop] = useState(0);
  // Where the list starts in the page, which the window's scroll position is measured against.
  const measure = useCallback((node: HTMLOListElement | null) => {
    if (node) setTop(node.getBoundingClientRect().top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({ count: steps.length, estimateSize: () => 48, overscan: 12, scrollMargin: top });
  return (
    <ol ref={measure} className="relative" style={{ height: virtualizer.getTotalSize() }} data-testid="thinking-steps" data-windowed="true">
      {virtualizer.getVirtualItems().map((item) => (
        <Step
          key={steps[item.index]!.start}
          step={steps[item.index]!}
          marks={marks}
          index={item.index}
          measureRef={virtualizer.measureElement}
          style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
        />
      ))}
    </ol>
  );
}

type StepProps = { step: ThinkingStep; marks: SpanMark[]; index?: number; measureRef?: (node: Element | null) => void; style?: React.CSSProperties };

function Step({ step, marks, index, measureRef, style }: StepProps) {
  return (
    <li ref={measureRef} data-index={index} style={style} className={`grid grid-cols-[2.25rem_1fr] gap-2 ${index === undefined ? "" : "pb-1.5"}`} data-start={step.start} data-end={step.end}>
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
  );
}
