"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ImageViewer } from "@/components/samples/ImageViewer";
import { RiskBadge } from "@/components/samples/RiskBadge";
import { RouteLabel } from "@/components/samples/RouteLabel";
import { ThinkingSteps } from "@/components/samples/ThinkingSteps";
import { splitThinking } from "@/lib/domain/thinking-steps";
import type { Claim } from "@/lib/services/queue/claim-next-sample";
import type { QueueProgress } from "@/lib/services/queue/get-queue-progress";
import type { AdjudicationInput, QueueFilters } from "@/lib/services/queue/queue-schemas";
import { CorrectionForm } from "./CorrectionForm";
import { ApiError } from "@/components/app/api-client";
import { queueApi } from "./queue-api";
import { ReasonForm } from "./ReasonForm";
import { selectionSpan } from "./selection-span";
import { RubricList, Sheet, ShortcutList } from "./ShortcutSheet";
import { useBlindMode } from "./use-blind-mode";
import { judgeLabel, WorkspaceJudges } from "./WorkspaceJudges";

type Mode = "idle" | "correction" | "skip" | "flag";
type Notice = { tone: "info" | "error"; text: string };
type LastDecision = { sampleId: number; externalId: string; summary: string; undoUntil: number };

const RENEW_EVERY_MS = 60_000;

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Check your connection and try again.";
}

/**
 * The expert loop: claim, read, decide (keys 1–9, c, s, f), straight on to the next sample.
 * The lease is renewed while the sample is open; decisions update the progress optimistically and
 * roll back with a message when the server refuses them.
 */
export function Workspace({ filters }: { filters: QueueFilters }) {
  const queryClient = useQueryClient();
  const progressKey = useMemo(() => ["queue-progress", filters], [filters]);
  const progress = useQuery({ queryKey: progressKey, queryFn: () => queueApi.progress(filters) });
  const [claim, setClaim] = useState<Claim | null | undefined>(undefined);
  const [mode, setMode] = useState<Mode>("idle");
  const [sheet, setSheet] = useState<"help" | "rubric" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [last, setLast] = useState<LastDecision | null>(null);
  const [selection, setSelection] = useState<[number, number] | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [blind, toggleBlind] = useBlindMode();
  const thinkingRef = useRef<HTMLDivElement>(null);

  const claimNext = useMutation({
    mutationFn: () => queueApi.claim(filters),
    onSuccess: (next) => {
      setClaim(next);
      setMode("idle");
      setSelection(null);
      setFieldErrors({});
      void queryClient.invalidateQueries({ queryKey: progressKey });
    },
    onError: (error) => setNotice({ tone: "error", text: messageOf(error) }),
  });
  const claimNextSample = claimNext.mutate;

  useEffect(() => {
    claimNextSample();
  }, [claimNextSample]);

  const decide = useMutation({
    mutationFn: ({ sampleId, input }: { sampleId: number; input: AdjudicationInput; summary: string; externalId: string }) => queueApi.decide(sampleId, input),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: progressKey });
      const previous = queryClient.getQueryData<QueueProgress>(progressKey);
      if (previous) queryClient.setQueryData<QueueProgress>(progressKey, { decidedToday: previous.decidedToday + 1, remaining: Math.max(0, previous.remaining - 1) });
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(progressKey, context.previous);
      if (error instanceof ApiError && error.status === 422) {
        setFieldErrors(error.fields);
        setNotice({ tone: "error", text: `Not saved: ${Object.entries(error.fields).map(([field, messages]) => `${field} ${messages.join(", ")}`).join("; ")}` });
        return;
      }
      setNotice({ tone: "error", text: `Not saved: ${messageOf(error)}${error instanceof ApiError && error.status === 409 ? " Moving on to the next sample." : ""}` });
      if (error instanceof ApiError && error.status === 409) claimNextSample();
    },
    onSuccess: (decision, variables) => {
      setLast({ sampleId: decision.sampleId, externalId: variables.externalId, summary: variables.summary, undoUntil: Date.parse(decision.undoUntil) });
      setNotice(null);
      claimNextSample();
    },
  });

  const undo = useMutation({
    mutationFn: (sampleId: number) => queueApi.undo(sampleId),
    onSuccess: () => {
      setNotice({ tone: "info", text: `Undone: ${last?.externalId} is back with you.` });
      setLast(null);
      claimNextSample();
    },
    onError: (error) => setNotice({ tone: "error", text: `Cannot undo: ${messageOf(error)}` }),
  });

  const act = useMutation({
    mutationFn: ({ kind, text }: { kind: "skip" | "flag"; text: string }) => (kind === "skip" ? queueApi.skip(claim!.sample.id, text) : queueApi.flag(claim!.sample.id, text)),
    onSuccess: (_result, { kind }) => {
      setNotice({ tone: "info", text: kind === "skip" ? `Skipped ${claim?.sample.externalId}.` : `Flagged ${claim?.sample.externalId} for discussion.` });
      claimNextSample();
    },
    onError: (error) => {
      setNotice({ tone: "error", text: messageOf(error) });
      if (error instanceof ApiError && error.status === 409) claimNextSample();
    },
  });

  const sampleId = claim?.sample.id;
  useEffect(() => {
    if (sampleId === undefined) return;
    const timer = setInterval(() => {
      queueApi.renew(sampleId).catch((error: unknown) => {
        setNotice({ tone: "error", text: `Your hold on this sample ended: ${messageOf(error)} Loading the next one.` });
        claimNextSample();
      });
    }, RENEW_EVERY_MS);
    return () => clearInterval(timer);
  }, [sampleId, claimNextSample]);

  const busy = decide.isPending || claimNext.isPending || act.isPending || undo.isPending;

  const sideWith = useCallback(
    (name: string) => {
      if (!claim || busy) return;
      const index = claim.sample.judges.findIndex((judge) => judge.name === name);
      const judge = claim.sample.judges[index]!;
      decide.mutate({
        sampleId: claim.sample.id,
        externalId: claim.sample.externalId,
        input: { supports: name },
        summary: `sided with ${judgeLabel(name, index, blind)} (${judge.judgment})`,
      });
    },
    [claim, busy, decide, blind],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Escape") {
        if (mode !== "idle") setMode("idle");
        return;
      }
      const target = event.target as HTMLElement | null;
      // The open dialog itself, not the `sheet` state: the browser closes a dialog on Escape at once, and
      // a key pressed before React re-renders must already reach the workspace.
      if (document.querySelector("dialog[open]") || target?.closest("input, textarea, select, [contenteditable='true']")) return;
      const key = event.key;
      const handled = () => event.preventDefault();
      if (key === "?") return (handled(), setSheet("help"));
      if (key === "r") return (handled(), setSheet("rubric"));
      if (key === "b") return (handled(), toggleBlind());
      if (key === "u") {
        handled();
        if (last && Date.now() < last.undoUntil && !busy) undo.mutate(last.sampleId);
        else setNotice({ tone: "error", text: "Nothing to undo." });
        return;
      }
      if (!claim || mode !== "idle" || busy) return;
      if (/^[1-9]$/.test(key)) {
        const judge = claim.sample.judges[Number(key) - 1];
        if (judge) {
          handled();
          sideWith(judge.name);
        }
        return;
      }
      if (key === "c") {
        handled();
        setSelection(thinkingRef.current ? selectionSpan(thinkingRef.current) : null);
        setMode("correction");
      }
      if (key === "s") return (handled(), setMode("skip"));
      if (key === "f") return (handled(), setMode("flag"));
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [mode, claim, busy, last, undo, sideWith, toggleBlind]);

  const steps = useMemo(() => (claim ? splitThinking(claim.sample.thinking) : []), [claim]);
  const counts = progress.data;
  const total = counts ? counts.decidedToday + counts.remaining : 0;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4 rounded border border-slate-200 bg-white px-3 py-2 text-sm">
        <h1 className="font-semibold">Adjudication queue</h1>
        <div className="flex items-center gap-2" aria-label="Progress">
          <span>
            Decided today <strong data-testid="decided-today">{counts?.decidedToday ?? "…"}</strong>
          </span>
          <span className="text-slate-400">·</span>
          <span>
            Left <strong data-testid="remaining">{counts?.remaining ?? "…"}</strong>
          </span>
          <div className="h-1.5 w-40 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={counts?.decidedToday ?? 0} aria-label="Decided today out of today's work">
            <div className="h-full bg-sky-600" style={{ width: total ? `${(100 * (counts?.decidedToday ?? 0)) / total}%` : "0%" }} />
          </div>
        </div>
        {claim && (
          <span className="text-xs text-slate-500">
            held until {new Date(claim.leaseExpiresAt).toLocaleTimeString()}
            {claim.round === "second" && <span className="ml-2 rounded bg-violet-100 px-1 text-violet-900">second opinion</span>}
          </span>
        )}
        <div className="ml-auto flex items-center gap-2 text-xs">
          <button type="button" onClick={toggleBlind} aria-pressed={blind} aria-keyshortcuts="b" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 aria-pressed:bg-slate-900 aria-pressed:text-white">
            Blind {blind ? "on" : "off"} <kbd className="opacity-60">b</kbd>
          </button>
          <button type="button" onClick={() => setSheet("rubric")} aria-keyshortcuts="r" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
            Rubric <kbd className="opacity-60">r</kbd>
          </button>
          <button type="button" onClick={() => setSheet("help")} aria-keyshortcuts="?" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
            Shortcuts <kbd className="opacity-60">?</kbd>
          </button>
        </div>
      </div>

      <div role="status" aria-live="polite" className="min-h-6 text-sm">
        {notice && <p className={notice.tone === "error" ? "text-rose-700" : "text-slate-700"}>{notice.text}</p>}
        {!notice && last && (
          <p className="text-slate-700">
            Saved {last.externalId}: {last.summary}.{" "}
            <button type="button" onClick={() => undo.mutate(last.sampleId)} className="text-sky-800 underline" aria-keyshortcuts="u">
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
      {claim === null && (
        <div className="rounded border border-slate-200 bg-white p-6 text-center">
          <p className="font-medium">The queue is empty{Object.keys(filters).length ? " for these filters" : ""}.</p>
          <p className="mt-1 text-sm text-slate-600">
            <button type="button" onClick={() => claimNextSample()} className="text-sky-800 underline">
              Check again
            </button>{" "}
            or <Link href="/samples" className="text-sky-800 underline">browse the samples</Link>.
          </p>
        </div>
      )}
      {claim && (
        <div aria-busy={busy} className={`grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] ${busy ? "opacity-70" : ""}`}>
          <div className="space-y-3">
            <div className="flex flex-wrap items-center gap-x-3 text-xs text-slate-600">
              <Link href={`/samples/${claim.sample.id}`} className="font-mono text-sm font-semibold text-slate-900 hover:underline" data-testid="workspace-sample">
                {claim.sample.externalId}
              </Link>
              <RouteLabel route={claim.sample.route} />
              <span>{claim.sample.category}</span>
              <span>{claim.sample.attack ? `${claim.sample.imageCondition} · ${claim.sample.attack}` : claim.sample.imageCondition}</span>
              {!blind && claim.sample.model && <span>{claim.sample.model}</span>}
            </div>
            <section aria-label="Question" className="flex gap-3 rounded border border-slate-200 bg-white p-3">
              {claim.sample.image && <ImageViewer src={claim.sample.image.url} width={claim.sample.image.width} height={claim.sample.image.height} alt={`Image of sample ${claim.sample.externalId}`} />}
              <p className="whitespace-pre-wrap break-words">{claim.sample.question}</p>
            </section>
            <section aria-label="Thinking" className="rounded border border-slate-200 bg-white p-3 text-[13px] leading-relaxed">
              <div ref={thinkingRef} onMouseUp={() => thinkingRef.current && setSelection(selectionSpan(thinkingRef.current))}>
                <ThinkingSteps thinking={claim.sample.thinking} />
              </div>
              {selection && mode === "idle" && <p className="mt-2 text-xs text-sky-800">Selected characters {selection[0]}–{selection[1]}: press c to mark them in a correction.</p>}
            </section>
            <section aria-label="Answer" className="whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3">
              {claim.sample.answer}
            </section>
          </div>
          <div className="space-y-3">
            <WorkspaceJudges judges={claim.sample.judges} route={claim.sample.route} blind={blind} disabled={busy || mode !== "idle"} onSide={sideWith} />
            {claim.sample.prelabel && (
              <div className="flex items-center gap-2 rounded border border-slate-200 bg-white px-3 py-2 text-xs">
                <span className="text-slate-500">Guard pre-label</span>
                {!blind && <span className="font-mono">{claim.sample.prelabel.model}</span>}
                <RiskBadge value={claim.sample.prelabel.judgment} />
              </div>
            )}
            {mode === "correction" && (
              <CorrectionForm
                steps={steps}
                selection={selection}
                fieldErrors={fieldErrors}
                pending={decide.isPending}
                onCancel={() => setMode("idle")}
                onSubmit={(input) =>
                  decide.mutate({
                    sampleId: claim.sample.id,
                    externalId: claim.sample.externalId,
                    input,
                    summary: `corrected to ${input.judgment}${input.span ? ` (span ${input.span[0]}–${input.span[1]})` : ""}`,
                  })
                }
              />
            )}
            {mode === "skip" && <ReasonForm label="Why skip this sample?" action="Skip" pending={act.isPending} onCancel={() => setMode("idle")} onSubmit={(text) => act.mutate({ kind: "skip", text })} />}
            {mode === "flag" && <ReasonForm label="What needs discussing?" action="Flag" pending={act.isPending} onCancel={() => setMode("idle")} onSubmit={(text) => act.mutate({ kind: "flag", text })} />}
            {mode === "idle" && (
              <p className="text-xs text-slate-500">
                <kbd>1</kbd>–<kbd>{claim.sample.judges.length}</kbd> side with a judge · <kbd>c</kbd> correction · <kbd>s</kbd> skip · <kbd>f</kbd> flag · <kbd>?</kbd> all keys
              </p>
            )}
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
