import { z } from "zod";
import { adjudicationInputSchema, claimInputSchema, flagInputSchema, queueFiltersSchema, skipInputSchema } from "../../services/queue/queue-schemas";
import { resolveFlagsInputSchema } from "../../services/discussion/comment.schema";
import { sampleIdSchema } from "../../services/samples/sample-id";
import { riskValue, sampleIdReply, timestamp } from "../common";
import type { Operation } from "../operation";
import { sampleDetail } from "./sample-views";

const round = z.enum(["first", "second"]);
const id = { id: sampleIdSchema };
const lost = { status: 409 as const, codes: ["conflict"], description: "The caller holds no live lease on the sample (it ran out, or another expert has it)" };

const claim = z
  .object({
    sample: sampleDetail,
    round,
    leaseExpiresAt: timestamp,
    judgeOrder: z.array(z.number().int()).meta({ description: "Blind mode's order of the judges for this expert and sample: indexes into sample.judges" }),
    breakDue: z.object({ since: timestamp, minutes: z.number().int() }).nullable().meta({ description: "Safe viewing's break reminder, when the dataset's stretch of work has passed" }),
  })
  .meta({ id: "Claim" });

const calibration = z.object({
  reference: z.object({ judgment: riskValue, explanation: z.string().nullable() }),
  correct: z.boolean(),
  answered: z.number().int(),
  correctSoFar: z.number().int(),
  required: z.number().int(),
  floor: z.number(),
  outcome: z.enum(["open", "passed", "failed"]),
});

const decision = z
  .object({
    id: z.string(),
    sampleId: z.number().int(),
    round,
    kind: z.enum(["supports_judge", "correction"]),
    judgment: riskValue,
    undoUntil: timestamp,
    secondOpinionQueued: z.boolean(),
    calibration: calibration.optional().meta({ description: "Only while the expert calibrates on the dataset: the known answer and the round's standing" }),
  })
  .meta({ id: "Decision" });

export const queueOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/queue/claim",
    tag: "Queue",
    summary: "Claim the next sample",
    description: "Leases the next sample under the queue's filters (or the one the caller already holds). `ahead` claims a second one beside it; `beyondCap` goes on past a daily cap.",
    access: "sample:adjudicate",
    body: { schema: claimInputSchema },
    replies: [
      { status: 200, description: "The sample, leased to the caller", schema: claim },
      { status: 204, description: "Nothing to claim under these filters", empty: true },
    ],
    refusals: [
      { status: 403, codes: ["forbidden", "dataset_restricted", "expert_paused", "calibration_failed"], description: "The role, or the dataset's quality control, keeps the caller out" },
      { status: 409, codes: ["calibration_unavailable", "daily_cap_reached"], description: "The queue is closed for a reason the caller or an admin can change" },
    ],
  },
  {
    method: "get",
    path: "/api/v1/queue/progress",
    tag: "Queue",
    summary: "Today's progress under the queue's filters",
    access: "sample:adjudicate",
    query: queueFiltersSchema,
    replies: [{ status: 200, description: "Decided today and left", schema: z.object({ decidedToday: z.number().int(), remaining: z.number().int() }) }],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/adjudications",
    tag: "Queue",
    summary: "Decide a leased sample",
    description: "`{supports}` sides with a judge; `{judgment, analysis, span?}` is a correction. The lease, the decision and the audit event commit together.",
    access: "sample:adjudicate",
    params: id,
    body: { schema: adjudicationInputSchema },
    replies: [{ status: 201, description: "The decision", schema: decision }],
    refusals: [lost, { status: 404, codes: ["not_found"], description: "No such sample" }],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/adjudications/undo",
    tag: "Queue",
    summary: "Undo the caller's last decision on a sample",
    description: "Within the undo window; the sample comes back to the caller, leased.",
    access: "sample:adjudicate",
    params: id,
    replies: [{ status: 200, description: "The sample, leased again", schema: z.object({ sampleId: z.number().int(), round, leaseExpiresAt: timestamp }) }],
    refusals: [{ status: 409, codes: ["conflict"], description: "Nothing to undo, or the window has closed" }],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/lease",
    tag: "Queue",
    summary: "Renew the caller's lease",
    access: "sample:adjudicate",
    params: id,
    replies: [{ status: 200, description: "The new expiry", schema: z.object({ leaseExpiresAt: timestamp }) }],
    refusals: [lost],
  },
  {
    method: "delete",
    path: "/api/v1/samples/{id}/lease",
    tag: "Queue",
    summary: "Give back a sample the caller holds and has not decided",
    description: "An unused claim-ahead goes back to the queue.",
    access: "sample:adjudicate",
    params: id,
    replies: [{ status: 200, description: "Given back", schema: sampleIdReply }],
    refusals: [lost],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/skip",
    tag: "Queue",
    summary: "Skip a leased sample, with a reason",
    access: "sample:adjudicate",
    params: id,
    body: { schema: skipInputSchema },
    replies: [{ status: 200, description: "Skipped", schema: sampleIdReply }],
    refusals: [lost],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/flag",
    tag: "Discussion",
    summary: "Flag a leased sample for discussion",
    description: "Sets it aside and opens its thread with the note.",
    access: "sample:adjudicate",
    params: id,
    body: { schema: flagInputSchema },
    replies: [{ status: 200, description: "Flagged", schema: sampleIdReply }],
    refusals: [lost],
  },
  {
    method: "post",
    path: "/api/v1/samples/{id}/flag/resolve",
    tag: "Discussion",
    summary: "Resolve a sample's open flags, with a note",
    description: "The sample goes back to the queue; the note joins its thread.",
    access: "flag:resolve",
    params: id,
    body: { schema: resolveFlagsInputSchema },
    replies: [{ status: 200, description: "How many flags were open", schema: z.object({ resolved: z.number().int() }) }],
    refusals: [
      { status: 404, codes: ["not_found"], description: "No such sample" },
      { status: 409, codes: ["conflict"], description: "The sample has no open flag" },
    ],
  },
];
