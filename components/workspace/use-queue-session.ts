"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "@/components/app/api-client";
import type { Claim } from "@/lib/services/queue/claim-next-sample";
import type { CalibrationFeedback } from "@/lib/services/quality/answer-gold";
import type { QueueProgress } from "@/lib/services/queue/get-queue-progress";
import type { AdjudicationInput, QueueFilters } from "@/lib/services/queue/queue-schemas";
import { queueApi } from "./queue-api";

export type Notice = { tone: "info" | "error"; text: string };
export type LastDecision = { sampleId: number; externalId: string; summary: string; undoUntil: number };
/** A calibration answer's feedback, shown until the expert moves on. */
export type CalibrationNote = { externalId: string; summary: string; feedback: CalibrationFeedback };

// The claim refusals of the quality control (docs/quality-control.md) and safe viewing's daily cap
// (docs/safe-viewing.md): the queue is closed to this expert, the cap until they choose to go on.
const HOLD_CODES = new Set(["dataset_restricted", "expert_paused", "calibration_failed", "calibration_unavailable", "daily_cap_reached"]);
export type Held = { code: string; message: string };

const RENEW_EVERY_MS = 60_000;

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Check your connection and try again.";
}

/**
 * An expert's session with the queue: the sample claimed, the progress counters, the decision, undo,
 * skip and flag calls, and the lease renewed while a sample is open. Decisions update the progress
 * optimistically and roll back with a message when the server refuses them; a lost lease or a 409 moves
 * on to the next sample. `onClaimed` runs whenever a new claim arrives (the view resets its modes);
 * `onBreak` stops the lease renewals while the expert takes a break.
 */
export function useQueueSession(filters: QueueFilters, onClaimed: () => void, onBreak = false) {
  const queryClient = useQueryClient();
  const progressKey = useMemo(() => ["queue-progress", filters], [filters]);
  const progress = useQuery({ queryKey: progressKey, queryFn: () => queueApi.progress(filters) });
  const [claim, setClaim] = useState<Claim | null | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [last, setLast] = useState<LastDecision | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [calibration, setCalibration] = useState<CalibrationNote | null>(null);
  const [held, setHeld] = useState<Held | null>(null);
  // A ref, not state: the claim that follows the choice to go on must already carry it.
  const beyondCap = useRef(false);

  const claimNext = useMutation({
    mutationFn: () => queueApi.claim(filters, beyondCap.current),
    onSuccess: (next) => {
      setClaim(next);
      setHeld(null);
      setFieldErrors({});
      onClaimed();
      void queryClient.invalidateQueries({ queryKey: progressKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && HOLD_CODES.has(error.code)) {
        setClaim(null);
        setHeld({ code: error.code, message: error.message });
        return;
      }
      setNotice({ tone: "error", text: messageOf(error) });
    },
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
      if (error instanceof ApiError && error.code === "invalid") {
        setFieldErrors(error.fields);
        setNotice({ tone: "error", text: `Not saved: ${Object.entries(error.fields).map(([field, messages]) => `${field} ${messages.join(", ")}`).join("; ")}` });
        return;
      }
      setNotice({ tone: "error", text: `Not saved: ${messageOf(error)}${error instanceof ApiError && error.code === "conflict" ? " Moving on to the next sample." : ""}` });
      if (error instanceof ApiError && error.code === "conflict") claimNextSample();
    },
    onSuccess: (decision, variables) => {
      setNotice(null);
      if (decision.calibration) {
        // A calibration answer is final: no undo, and the next sample waits until the expert has read the reference.
        setLast(null);
        setCalibration({ externalId: variables.externalId, summary: variables.summary, feedback: decision.calibration });
        return;
      }
      setLast({ sampleId: decision.sampleId, externalId: variables.externalId, summary: variables.summary, undoUntil: Date.parse(decision.undoUntil) });
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
      if (error instanceof ApiError && error.code === "conflict") claimNextSample();
    },
  });

  // A calibration answer ended the hold: nothing to renew while its feedback shows. Nor during a break
  // (docs/safe-viewing.md): a sample nobody is looking at goes back to the queue when its lease runs out.
  const sampleId = calibration || onBreak ? undefined : claim?.sample.id;
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
  return {
    claim,
    calibration,
    /** Why the queue is closed to this expert, when the quality control holds them back. */
    held,
    /** At a daily cap: the expert chooses to go on, for the rest of this session (recorded by the server). */
    goOnPastCap: () => {
      beyondCap.current = true;
      claimNextSample();
    },
    /** Leaves a calibration answer's feedback for the next sample. */
    continueCalibration: () => {
      setCalibration(null);
      claimNextSample();
    },
    counts: progress.data,
    notice,
    last,
    fieldErrors,
    busy,
    decidePending: decide.isPending,
    actPending: act.isPending,
    claimNext: claimNextSample,
    /** Decides the sample in hand; `summary` is what the "Saved …" line says. */
    decide: (input: AdjudicationInput, summary: string) => {
      if (claim) decide.mutate({ sampleId: claim.sample.id, externalId: claim.sample.externalId, input, summary });
    },
    undo: (target: number) => undo.mutate(target),
    /** The `u` key: undo the last decision while its lease would still hold. */
    undoLast: () => {
      if (last && Date.now() < last.undoUntil && !busy) undo.mutate(last.sampleId);
      else if (last && busy) setNotice({ tone: "info", text: "The next sample is still loading: press u again in a moment to undo." });
      else setNotice({ tone: "error", text: "Nothing to undo." });
    },
    act: (kind: "skip" | "flag", text: string) => act.mutate({ kind, text }),
  };
}

export type QueueSession = ReturnType<typeof useQueueSession>;
