"use client";

import { useEffect, useRef } from "react";
import type { BreakDue } from "@/lib/exposure/work-stretch";

/**
 * Safe viewing's break reminder (docs/safe-viewing.md): after the dataset's stretch of continuous work,
 * once per stretch. Focus moves to it, so a keyboard user answers it before the next key decides.
 */
export function BreakReminder({ due, onBreak, onDismiss }: { due: BreakDue; onBreak: () => void; onDismiss: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [due.since]);
  return (
    <section role="alert" aria-labelledby="break-heading" className="flex flex-wrap items-center gap-3 rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sm" data-testid="break-reminder">
      <h2 id="break-heading" className="font-medium">
        You have worked {due.minutes} minutes without a break. Time to look away for a while?
      </h2>
      <span className="flex gap-2">
        <button ref={first} type="button" onClick={onBreak} className="min-h-[44px] rounded bg-slate-900 px-3 text-white hover:bg-slate-700">
          Take a break
        </button>
        <button type="button" onClick={onDismiss} className="min-h-[44px] rounded border border-slate-400 bg-white px-3 hover:bg-slate-50">
          Keep going
        </button>
      </span>
    </section>
  );
}

/** The workspace during a break: the sample out of sight, and no hold renewed on it meanwhile. */
export function BreakScreen({ onBack }: { onBack: () => void }) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <div className="space-y-3 rounded border border-slate-200 bg-white p-10 text-center" data-testid="break-screen">
      <p className="font-medium">On a break. The sample is out of sight.</p>
      <p className="text-sm text-slate-700">Your hold on it is not renewed meanwhile: after a long break the next claim may bring another sample.</p>
      <button ref={back} type="button" onClick={onBack} className="min-h-[44px] rounded bg-slate-900 px-4 text-sm text-white hover:bg-slate-700">
        Back to work
      </button>
    </div>
  );
}
