"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
  // The claim-ahead (docs/adjudication.md): the next sample, claimed while the expert reads this one.
  // Refs beside the state, because a key press must see them before React renders again.
  const [ahead, setAheadState] = useState<Claim | null>(null);
  const aheadRef = useRef<Claim | null>(null);
  const claimRef = useRef<Claim | null | undefined>(undefined);
  const prefetching = useRef(false);
  const setAhead = useCallback((next: Claim | null) => {
    aheadRef.current = next;
    setAheadState(next);
  }, []);
  // The view's callback through a ref: it is a new function on every render, and the timers below must not restart with it.
  const onClaimedRef = useRef(onClaimed);
  useEffect(() => {
    onClaimedRef.current = onClaimed;
  });
  const show = useCallback(
    (next: Claim | null) => {
      claimRef.current = next;
      setClaim(next);
      if (next && aheadRef.current?.sample.id === next.sample.id) setAhead(null);
      setHeld(null);
      setFieldErrors({});
      onClaimedRef.current();
      void queryClient.invalidateQueries({ queryKey: progressKey });
    },
    [queryClient, progressKey, setAhead],
  );

  const claimNext = useMutation({
    mutationFn: () => queueApi.claim(filters, beyondCap.current),
    onSuccess: show,
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

  /** On to the next sample: the claim-ahead when there is one (no round trip), else a claim. */
  const advance = useCallback(() => {
    const next = aheadRef.current;
    if (next) {
      setAhead(null);
      show(next);
    } else claimNextSample();
  }, [claimNextSample, setAhead, show]);

  // An unused claim-ahead goes back to the queue when the workspace closes or the page goes away.
  useEffect(() => {
    const giveBack = () => {
      const next = aheadRef.current;
      if (next) void queueApi.release(next.sample.id);
      aheadRef.current = null;
    };
    window.addEventListener("pagehide", giveBack);
    return () => {
      window.removeEventListener("pagehide", giveBack);
      giveBack();
    };
  }, []);

  type DecideVariables = { sampleId: number; input: AdjudicationInput; summary: string; externalId: string; previous: Claim | null };
  const decide = useMutation({
    mutationFn: ({ sampleId, input }: DecideVariables) => queueApi.decide(sampleId, input),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: progressKey });
      const previous = queryClient.getQueryData<QueueProgress>(progressKey);
      if (previous) queryClient.setQueryData<QueueProgress>(progressKey, { decidedToday: previous.decidedToday + 1, remaining: Math.max(0, previous.remaining - 1) });
      return { previous };
    },
    onError: (error, variables, context) => {
      if (context?.previous) queryClient.setQueryData(progressKey, context.previous);
      // The view moved on before the answer: put the sample back, unless it is gone anyway (a conflict).
      const conflict = error instanceof ApiError && error.code === "conflict";
      if (variables.previous && !conflict) {
        if (claimRef.current) setAhead(claimRef.current);
        claimRef.current = variables.previous;
        setClaim(variables.previous);
      }
      if (error instanceof ApiError && error.code === "invalid") {
        setFieldErrors(error.fields);
        setNotice({ tone: "error", text: `Not saved: ${Object.entries(error.fields).map(([field, messages]) => `${field} ${messages.join(", ")}`).join("; ")}` });
        return;
      }
      setNotice({ tone: "error", text: `Not saved: ${messageOf(error)}${conflict ? " Moving on to the next sample." : ""}` });
      if (conflict && !variables.previous) advance();
    },
    onSuccess: (decision, variables) => {
      setNotice(null);
      if (decision.calibration) {
        // A calibration answer is final: no undo, and the next sample waits until the expert has read the
        // reference, so a view that moved on comes back to the sample answered.
        if (variables.previous) {
          if (claimRef.current) setAhead(claimRef.current);
          claimRef.current = variables.previous;
          setClaim(variables.previous);
        }
        // The claim-ahead was taken under the round's rules, which this answer may have ended: give it back.
        const next = aheadRef.current;
        if (next) {
          setAhead(null);
          void queueApi.release(next.sample.id);
        }
        setLast(null);
        setCalibration({ externalId: variables.externalId, summary: variables.summary, feedback: decision.calibration });
        return;
      }
      setLast({ sampleId: decision.sampleId, externalId: variables.externalId, summary: variables.summary, undoUntil: Date.parse(decision.undoUntil) });
      if (!variables.previous) advance();
    },
  });

  // While a sample is in hand, claim the next one beside it; a refusal (a cap, nothing left) just means none.
  // Not while a decision the view moved on from is in flight: its sample is still held until the answer,
  // and the server lets an expert hold only two, so a claim-ahead sent meanwhile would find none. Nor while
  // a calibration answer's feedback shows: nothing renews a hold then.
  const inHand = claim?.sample.id;
  const waiting = decide.isPending || calibration !== null;
  useEffect(() => {
    if (inHand === undefined || waiting || aheadRef.current || prefetching.current) return;
    prefetching.current = true;
    queueApi
      .claim(filters, beyondCap.current, true)
      .then((next) => {
        if (next && next.sample.id !== claimRef.current?.sample.id) setAhead(next);
      })
      .catch(() => undefined)
      .finally(() => {
        prefetching.current = false;
      });
  }, [inHand, waiting, filters, setAhead]);

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
      advance();
    },
    onError: (error) => {
      setNotice({ tone: "error", text: messageOf(error) });
      if (error instanceof ApiError && error.code === "conflict") advance();
    },
  });

  // A calibration answer ended the hold: nothing to renew while its feedback shows. Nor during a break
  // (docs/safe-viewing.md): a sample nobody is looking at goes back to the queue when its lease runs out.
  const sampleId = calibration || onBreak ? undefined : claim?.sample.id;
  const aheadId = onBreak ? undefined : ahead?.sample.id;
  useEffect(() => {
    if (sampleId === undefined) return;
    const timer = setInterval(() => {
      queueApi.renew(sampleId).catch((error: unknown) => {
        setNotice({ tone: "error", text: `Your hold on this sample ended: ${messageOf(error)} Loading the next one.` });
        advance();
      });
      // A claim-ahead someone else took meanwhile is simply dropped: the next claim finds another.
      if (aheadId !== undefined) queueApi.renew(aheadId).catch(() => aheadRef.current?.sample.id === aheadId && setAhead(null));
    }, RENEW_EVERY_MS);
    return () => clearInterval(timer);
  }, [sampleId, aheadId, advance, setAhead]);

  // A decision the view already moved on from does not hold the next sample up.
  const decidingInPlace = decide.isPending && !decide.variables?.previous;
  const busy = decidingInPlace || claimNext.isPending || act.isPending || undo.isPending;
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
      advance();
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
      if (!claim) return;
      // Siding with a judge cannot fail validation: with a claim-ahead in hand the next sample shows at
      // once, before the answer, and comes back only if the server refuses the decision.
      const moveOn = input.supports !== undefined && aheadRef.current !== null;
      if (moveOn) advance();
      decide.mutate({ sampleId: claim.sample.id, externalId: claim.sample.externalId, input, summary, previous: moveOn ? claim : null });
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
