import type { RiskValue } from "../../domain/risk";
import type { GuardTask } from "../guard-prompt";

export type GuardInput = { task: GuardTask; image: { bytes: Buffer; mime: string } | null };

export type GuardPrediction = {
  judgment: RiskValue;
  /** P(0), P(0.5), P(1); null when the backend gives no probabilities (a generative model). */
  probabilities: [number, number, number] | null;
  analysis: string | null;
};

/** One interface for the bundled ONNX classifier and a served GuardTrace-VL model. */
export interface GuardBackend {
  readonly modelName: string;
  readonly modelVersion: string;
  predict(batch: GuardInput[]): Promise<GuardPrediction[]>;
  close(): Promise<void>;
}
