import type { Interval } from "./bootstrap";
import type { Confusion } from "./cohen";
import type { GroupFigures } from "./group-figures";
import type { DatasetStats } from "./stats-types";

export const BREAKDOWN_DIMENSIONS = ["category", "image_condition", "attack", "model"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export type Dashboard = {
  dataset: string | null;
  computedAt: string;
  stats: DatasetStats;
  alphaInterval: { nominal: Interval; ordinal: Interval; interval: Interval };
  judgeVsExpert: { judge: string; matrix: Confusion }[];
  queue: { first: number; second: number };
  decisionsPerDay: { day: string; expert: string; count: number }[];
  breakdowns: Record<BreakdownDimension, GroupFigures[]>;
  experts: { expert: string; decisions: number; majorityDecided: number; overturned: number; medianSeconds: number | null }[];
  /** Experts the quality control holds back: paused, or failed calibration (docs/quality-control.md). */
  /** Samples held back by an open flag, and samples with a discussion thread. */
  discussion: { openFlags: number; threads: number };
  held: { expert: string; dataset: string; paused: boolean; calibrationFailed: boolean; calibrationRound: number }[];
  prelabelVersions: { model: string; version: string; n: number; f1VsExpert: number | null; f1VsConsensus: number | null; macroF1VsExpert: number | null; vsExpert: Confusion; vsConsensus: Confusion }[];
};
