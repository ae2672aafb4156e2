import type { Claim } from "@/lib/services/queue/claim-next-sample";
import type { QueueProgress } from "@/lib/services/queue/get-queue-progress";
import { TAP_TARGET } from "./tap-target";

type Props = { counts: QueueProgress | undefined; claim: Claim | null | undefined; blind: boolean; onToggleBlind: () => void; onOpenSheet: (sheet: "help" | "rubric") => void };

/** The queue's bar: today's progress, how long the sample is held, and the view toggles. */
export function WorkspaceHeader({ counts, claim, blind, onToggleBlind, onOpenSheet }: Props) {
  const total = counts ? counts.decidedToday + counts.remaining : 0;
  return (
    <div className="flex flex-wrap items-center gap-4 rounded border border-slate-200 bg-white px-3 py-2 text-sm">
      <h1 className="font-semibold">Adjudication queue</h1>
      <div className="flex items-center gap-2" aria-label="Progress">
        <span>
          Decided today <strong data-testid="decided-today">{counts?.decidedToday ?? "…"}</strong>
        </span>
        <span className="text-slate-500" aria-hidden="true">·</span>
        <span>
          Left <strong data-testid="remaining">{counts?.remaining ?? "…"}</strong>
        </span>
        <div className="h-1.5 w-40 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={counts?.decidedToday ?? 0} aria-label="Decided today out of today's work">
          <div className="h-full bg-sky-600" style={{ width: total ? `${(100 * (counts?.decidedToday ?? 0)) / total}%` : "0%" }} />
        </div>
      </div>
      {claim && (
        <span className="text-xs text-slate-600">
          held until {new Date(claim.leaseExpiresAt).toLocaleTimeString()}
          {claim.round === "second" && <span className="ml-2 rounded bg-violet-100 px-1 text-violet-900">second opinion</span>}
        </span>
      )}
      <div className="ml-auto flex items-center gap-2 text-xs">
        <button type="button" onClick={onToggleBlind} aria-pressed={blind} aria-keyshortcuts="b" className={`${TAP_TARGET} rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 aria-pressed:bg-slate-900 aria-pressed:text-white`}>
          Blind {blind ? "on" : "off"} <kbd className="opacity-60">b</kbd>
        </button>
        <button type="button" onClick={() => onOpenSheet("rubric")} aria-keyshortcuts="r" className={`${TAP_TARGET} rounded border border-slate-300 px-2 py-1 hover:bg-slate-50`}>
          Rubric <kbd className="opacity-60">r</kbd>
        </button>
        <button type="button" onClick={() => onOpenSheet("help")} aria-keyshortcuts="?" className={`${TAP_TARGET} rounded border border-slate-300 px-2 py-1 hover:bg-slate-50`}>
          Shortcuts <kbd className="opacity-60">?</kbd>
        </button>
      </div>
    </div>
  );
}
