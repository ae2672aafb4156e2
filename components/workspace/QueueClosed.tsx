"use client";

import Link from "next/link";
import type { Held } from "./use-queue-session";

type Props = {
  /** Why the queue is closed to the expert; null when it is simply empty. */
  held: Held | null;
  filtered: boolean;
  onCheck: () => void;
  /** At a daily cap (docs/safe-viewing.md), the expert may choose to go on. */
  onGoOn: () => void;
};

/** What the workspace shows when a claim brings nothing: the hold and its way out, or the empty queue. */
export function QueueClosed({ held, filtered, onCheck, onGoOn }: Props) {
  if (held) {
    return (
      <div role="alert" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-6 text-center" data-testid="queue-held">
        <p className="font-medium">{held.message}</p>
        {held.code === "daily_cap_reached" && (
          <button type="button" onClick={onGoOn} className="min-h-[44px] rounded border border-slate-400 bg-white px-4 text-sm font-medium hover:bg-slate-50">
            Go on past the cap
          </button>
        )}
        <CheckAgain onCheck={onCheck} />
      </div>
    );
  }
  return (
    <div className="rounded border border-slate-200 bg-white p-6 text-center">
      <p className="font-medium">The queue is empty{filtered ? " for these filters" : ""}.</p>
      <CheckAgain onCheck={onCheck} />
    </div>
  );
}

/** Under an empty or closed queue: claim again, or go and read samples meanwhile. */
function CheckAgain({ onCheck }: { onCheck: () => void }) {
  return (
    <p className="mt-1 text-sm text-slate-700">
      <button type="button" onClick={() => onCheck()} className="text-sky-800 underline">
        Check again
      </button>{" "}
      or <Link href="/samples" className="text-sky-800 underline">browse the samples</Link>.
    </p>
  );
}
