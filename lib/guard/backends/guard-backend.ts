import type { RiskValue } from "../../domain/risk";
import type { GuardProfile } from "../guard-profile";
import type { GuardTask } from "../guard-prompt";

/** A sample's image as the worker found it: its bytes, or why the file could not be read. */
export type GuardImage = { status: "ok"; bytes: Buffer; mime: string } | { status: "unreadable"; reason: string };

export type GuardInput = { task: GuardTask; image: GuardImage | null };

export type GuardPrediction = {
  judgment: RiskValue;
  /** P(0), P(0.5), P(1); null when the backend gives no probabilities (a generative model). */
  probabilities: [number, number, number] | null;
  analysis: string | null;
};

/** Each sample succeeds or fails on its own; a failure keeps the start of what the model answered. */
export type GuardOutcome = { ok: true; prediction: GuardPrediction } | { ok: false; error: string; raw: string | null };

/** One interface for the bundled ONNX classifier and a served GuardTrace-VL model. */
export interface GuardBackend {
  readonly modelName: string;
  readonly modelVersion: string;
  /** The profile a generative guard is queried with; null for a classifier, which takes no prompt. */
  readonly profile: GuardProfile | null;
  /** Requests it keeps in flight across batches; null when it works through one batch at a time. */
  readonly inFlight: number | null;
  predict(batch: GuardInput[]): Promise<GuardOutcome[]>;
  close(): Promise<void>;
}

export const RAW_REPLY_BYTES = 4096;

/** The first 4 KB of a reply, cut on a character boundary. */
export function rawExcerpt(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= RAW_REPLY_BYTES) return text;
  return bytes.subarray(0, RAW_REPLY_BYTES).toString("utf8").replace(/\uFFFD+$/, "");
}
