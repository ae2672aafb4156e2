import { splitThinking } from "@/lib/domain/thinking-steps";

/** The trace as numbered steps. Rendered as text nodes only: traces hold hostile content. */
export function ThinkingSteps({ thinking }: { thinking: string }) {
  const steps = splitThinking(thinking);
  if (steps.length === 0) return <p className="text-sm italic text-slate-500">The thinking is empty.</p>;
  return (
    <ol className="space-y-1.5" data-testid="thinking-steps">
      {steps.map((step) => (
        <li key={step.start} className="grid grid-cols-[2.25rem_1fr] gap-2" data-start={step.start} data-end={step.end}>
          <span className="select-none pt-0.5 text-right font-mono text-xs text-slate-400" aria-hidden="true">
            {step.number}
          </span>
          <p className="whitespace-pre-wrap break-words" data-offset={step.start}>
            {step.text}
          </p>
        </li>
      ))}
    </ol>
  );
}
