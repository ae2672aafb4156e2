"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { RiskBadge } from "@/components/samples/RiskBadge";
import { splitThinking } from "@/lib/domain/thinking-steps";
import type { QueueFilters } from "@/lib/services/queue/queue-schemas";
import { BreakReminder, BreakScreen } from "./BreakReminder";
import { CalibrationFeedback } from "./CalibrationFeedback";
import { CorrectionForm } from "./CorrectionForm";
import { QueueClosed } from "./QueueClosed";
import { ReasonForm } from "./ReasonForm";
import { selectionSpan } from "./selection-span";
import { RubricList, Sheet, ShortcutList } from "./ShortcutSheet";
import { useBlindMode } from "./use-blind-mode";
import { useQueueSession } from "./use-queue-session";
import { useWorkspaceKeys, type Mode } from "./use-workspace-keys";
import { WorkspaceActions } from "./WorkspaceActions";
import { WorkspaceHeader } from "./WorkspaceHeader";
import { judgeLabel, WorkspaceJudges } from "./WorkspaceJudges";
import { WorkspaceSample } from "./WorkspaceSample";

/**
 * The expert loop: claim, read, decide (keys 1–9, c, s, f), straight on to the next sample. The queue
 * session (claims, decisions, lease renewal) and the keys live in their own hooks; this holds the view's
 * modes and lays it out.
 */
export function Workspace({ filters }: { filters: QueueFilters }) {
  const [mode, setMode] = useState<Mode>("idle");
  const [sheet, setSheet] = useState<"help" | "rubric" | null>(null);
  const [selection, setSelection] = useState<[number, number] | null>(null);
  const [blind, toggleBlind] = useBlindMode();
  const thinkingRef = useRef<HTMLDivElement>(null);
  // Safe viewing's break (docs/safe-viewing.md): the stretch whose reminder was answered, and whether the expert is away.
  const [breakAnswered, setBreakAnswered] = useState<string | null>(null);
  const [onBreak, setOnBreak] = useState(false);
  const session = useQueueSession(
    filters,
    () => {
      setMode("idle");
      setSelection(null);
    },
    onBreak,
  );
  const { claim, busy, decide } = session;

  // Blind mode shows the judges in the expert's own order for this sample; keys and labels follow it.
  const judges = useMemo(() => (claim ? (blind ? claim.judgeOrder.map((index) => claim.sample.judges[index]!) : claim.sample.judges) : []), [claim, blind]);
  const sideWith = useCallback(
    (name: string) => {
      if (!claim || busy) return;
      const index = judges.findIndex((judge) => judge.name === name);
      decide({ supports: name }, `sided with ${judgeLabel(name, index, blind)} (${judges[index]!.judgment})`);
    },
    [claim, judges, busy, decide, blind],
  );
  const [draft, setDraft] = useState("");
  // A selection still in the browser becomes the span; otherwise the one already highlighted stays.
  const startCorrection = useCallback((analysis = "") => {
    const selected = thinkingRef.current ? selectionSpan(thinkingRef.current) : null;
    setSelection((current) => selected ?? current);
    setDraft(analysis);
    setMode("correction");
  }, []);
  /** shift+1–9: a correction that starts from the shown judge's analysis. */
  const correctFromJudge = useCallback((index: number) => judges[index] && startCorrection(judges[index].analysis), [judges, startCorrection]);
  // While a calibration answer's feedback shows, the sample in view is answered: its keys do nothing.
  const locked = busy || session.calibration !== null || onBreak;
  useWorkspaceKeys({ mode, setMode, claim, judges, busy: locked, openSheet: setSheet, toggleBlind, undoLast: session.undoLast, sideWith, startCorrection, correctFromJudge });

  const steps = useMemo(() => (claim ? splitThinking(claim.sample.thinking) : []), [claim]);
  const { notice, last } = session;

  return (
    <div className="space-y-3">
      <WorkspaceHeader counts={session.counts} claim={claim} blind={blind} onToggleBlind={toggleBlind} onOpenSheet={setSheet} />

      <div role="status" aria-live="polite" className="min-h-6 text-sm">
        {notice && <p className={notice.tone === "error" ? "text-rose-700" : "text-slate-700"}>{notice.text}</p>}
        {!notice && last && (
          <p className="text-slate-700">
            Saved {last.externalId}: {last.summary}.{" "}
            <button type="button" onClick={() => session.undo(last.sampleId)} className="text-sky-800 underline" aria-keyshortcuts="u">
              Undo (u)
            </button>
          </p>
        )}
      </div>

      {claim === undefined && (
        <p aria-busy="true" className="text-slate-500">
          Claiming the next sample…
        </p>
      )}
      {claim === null && <QueueClosed held={session.held} filtered={Object.keys(filters).length > 0} onCheck={session.claimNext} onGoOn={session.goOnPastCap} />}
      {claim?.breakDue && claim.breakDue.since !== breakAnswered && (
        <BreakReminder
          due={claim.breakDue}
          onBreak={() => {
            setBreakAnswered(claim.breakDue!.since);
            setOnBreak(true);
          }}
          onDismiss={() => setBreakAnswered(claim.breakDue!.since)}
        />
      )}
      {claim && onBreak && (
        <BreakScreen
          onBack={() => {
            setOnBreak(false);
            // The hold may have run out meanwhile: the claim brings the same sample back if it did not.
            session.claimNext();
          }}
        />
      )}
      {claim && !onBreak && (
        // One column below 900 px, the judges under the trace; the bottom padding keeps the fixed action bar off the last lines.
        <div aria-busy={busy} className={`grid grid-cols-1 gap-4 pb-28 min-[900px]:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] min-[900px]:pb-0 ${busy ? "opacity-70" : ""}`}>
          <WorkspaceSample
            sample={claim.sample}
            blind={blind}
            thinkingRef={thinkingRef}
            onSelect={() => thinkingRef.current && setSelection(selectionSpan(thinkingRef.current))}
            selection={selection}
            selectionHint={mode === "idle" ? selection : null}
          />
          <div className="space-y-3">
            {session.calibration && <CalibrationFeedback note={session.calibration} onContinue={session.continueCalibration} />}
            {mode === "idle" && !session.calibration && (
              <WorkspaceActions
                judges={judges}
                blind={blind}
                disabled={locked}
                canUndo={session.last !== null && !busy}
                onSide={sideWith}
                onCorrect={() => startCorrection()}
                onSkip={() => setMode("skip")}
                onFlag={() => setMode("flag")}
                onUndo={session.undoLast}
              />
            )}
            <WorkspaceJudges judges={judges} route={claim.sample.route} blind={blind} disabled={locked || mode !== "idle"} onSide={sideWith} onCorrectFrom={correctFromJudge} />
            {/* Blind mode hides the guard's verdict too: it anchors as much as a judge's name. */}
            {claim.sample.prelabel && !blind && (
              <div className="flex items-center gap-2 rounded border border-slate-200 bg-white px-3 py-2 text-xs">
                <span className="text-slate-500">Guard pre-label</span>
                <span className="font-mono">{claim.sample.prelabel.model}</span>
                <RiskBadge value={claim.sample.prelabel.judgment} />
              </div>
            )}
            {mode === "correction" && (
              <CorrectionForm
                steps={steps}
                selection={selection}
                initialAnalysis={draft}
                fieldErrors={session.fieldErrors}
                pending={session.decidePending}
                onCancel={() => setMode("idle")}
                onSubmit={(input) => decide(input, `corrected to ${input.judgment}${input.span ? ` (span ${input.span[0]}–${input.span[1]})` : ""}`)}
              />
            )}
            {mode === "skip" && <ReasonForm label="Why skip this sample?" action="Skip" pending={session.actPending} onCancel={() => setMode("idle")} onSubmit={(text) => session.act("skip", text)} />}
            {mode === "flag" && <ReasonForm label="What needs discussing?" action="Flag" pending={session.actPending} onCancel={() => setMode("idle")} onSubmit={(text) => session.act("flag", text)} />}
          </div>
        </div>
      )}

      <Sheet title="Keyboard shortcuts" open={sheet === "help"} onClose={() => setSheet(null)}>
        <ShortcutList />
      </Sheet>
      <Sheet title="Risk rubric" open={sheet === "rubric"} onClose={() => setSheet(null)}>
        <RubricList />
      </Sheet>
    </div>
  );
}
