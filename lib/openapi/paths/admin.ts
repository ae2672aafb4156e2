import { z } from "zod";
import { auditFiltersSchema } from "../../services/audit/audit-filters";
import { datasetSettingsSchema } from "../../services/datasets/dataset-settings.schema";
import { assignInputSchema, datasetAccessSchema } from "../../services/quality/assignment.schema";
import { standingChangeSchema } from "../../services/quality/quality.schema";
import { evaluationTableQuerySchema } from "../../services/stats/get-evaluation-table";
import { statsQuerySchema } from "../../services/stats/get-dataset-stats";
import { emailSchema, inviteUserSchema, updateUserSchema } from "../../services/users/user.schema";
import { jsonValue, role, timestamp } from "../common";
import type { Operation } from "../operation";

const datasetName = { name: z.string().min(1).max(200) };
const noDataset = { status: 404 as const, codes: ["not_found"], description: "No such dataset" };

const auditEvent = z.object({
  id: z.number().int(),
  at: timestamp,
  actor: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  entityLabel: z.string().nullable().meta({ description: "What a reader knows the entity by: a sample's external id, a user's email" }),
  before: jsonValue.nullable(),
  after: jsonValue.nullable(),
});

export const adminOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/stats",
    tag: "Statistics",
    summary: "Agreement statistics for a dataset, or for all",
    description: "The figures and their definitions are in docs/statistics.md.",
    access: "stats:read",
    query: statsQuerySchema,
    replies: [
      {
        status: 200,
        description: "The statistics",
        schema: z.object({ samples: z.number().int(), routing: z.record(z.string(), z.number().int()), judges: jsonValue, experts: jsonValue, prelabel: jsonValue, evaluation: jsonValue, drift: jsonValue }).loose(),
      },
    ],
    refusals: [noDataset],
  },
  {
    method: "get",
    path: "/api/v1/stats/evaluation",
    tag: "Statistics",
    summary: "The evaluation table (guard and judges against a truth) as a file",
    access: "stats:read",
    query: evaluationTableQuerySchema,
    replies: [
      { status: 200, description: "CSV (text/csv) or Markdown (text/markdown), by `format`", contentType: "text/csv" },
    ],
    refusals: [noDataset],
  },
  {
    method: "get",
    path: "/api/v1/dashboard",
    tag: "Statistics",
    summary: "The agreement dashboard's figures",
    access: "stats:read",
    query: statsQuerySchema,
    replies: [
      {
        status: 200,
        description: "The statistics with their intervals, breakdowns and per-expert figures",
        schema: z
          .object({ dataset: z.string().nullable(), computedAt: timestamp, stats: jsonValue, alphaInterval: jsonValue, judgeVsExpert: jsonValue, queue: z.object({ first: z.number().int(), second: z.number().int() }) })
          .loose(),
      },
    ],
    refusals: [noDataset],
  },
  {
    method: "get",
    path: "/api/v1/audit",
    tag: "Audit",
    summary: "The audit trail, newest first, filtered and paged",
    access: "audit:read",
    query: auditFiltersSchema,
    replies: [{ status: 200, description: "A page of events", schema: z.object({ items: z.array(auditEvent), nextCursor: z.number().int().nullable() }) }],
  },
  {
    method: "get",
    path: "/api/v1/audit/export",
    tag: "Audit",
    summary: "The filtered audit trail as a file, streamed",
    access: "audit:read",
    query: auditFiltersSchema,
    replies: [{ status: 200, description: "One JSON line per event", contentType: "application/x-ndjson" }],
  },
  {
    method: "patch",
    path: "/api/v1/datasets/{name}",
    tag: "Datasets",
    summary: "Change a dataset's shares, quality control and safe-viewing limits",
    access: "dataset:configure",
    params: datasetName,
    body: { schema: datasetSettingsSchema },
    replies: [
      {
        status: 200,
        description: "The dataset's settings",
        schema: z.object({
          name: z.string(),
          auditShare: z.number(),
          secondOpinionShare: z.number(),
          goldRate: z.number(),
          goldFloor: z.number(),
          calibrationItems: z.number().int(),
          dailyCap: z.number().int().nullable(),
          breakAfterMinutes: z.number().int().nullable(),
        }),
      },
    ],
    refusals: [noDataset],
  },
  {
    method: "put",
    path: "/api/v1/datasets/{name}/access",
    tag: "Datasets",
    summary: "Who may work the dataset's queue",
    description: "Both lists empty opens it to every expert.",
    access: "quality:manage",
    params: datasetName,
    body: { schema: datasetAccessSchema },
    replies: [{ status: 200, description: "The access", schema: z.object({ dataset: z.string(), experts: z.array(z.string()), groups: z.array(z.string()) }) }],
    refusals: [noDataset],
  },
  {
    method: "patch",
    path: "/api/v1/datasets/{name}/experts/{email}",
    tag: "Quality",
    summary: "Lift an expert's pause or reset their calibration on a dataset",
    access: "quality:manage",
    params: { ...datasetName, email: emailSchema },
    body: { schema: standingChangeSchema },
    replies: [
      {
        status: 200,
        description: "The expert's standing",
        schema: z.object({ dataset: z.string(), expert: z.string(), paused: z.boolean(), calibrationRound: z.number().int(), calibrated: z.boolean(), calibrationFailed: z.boolean() }),
      },
    ],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such dataset or expert" }],
  },
  {
    method: "post",
    path: "/api/v1/assignments",
    tag: "Quality",
    summary: "Send samples to one expert for some days",
    description: "By id, or every waiting sample the sample list's filters match.",
    access: "quality:manage",
    body: { schema: assignInputSchema },
    replies: [{ status: 201, description: "What was assigned", schema: z.object({ expert: z.string(), assigned: z.number().int(), matched: z.number().int(), days: z.number().int() }) }],
  },
  {
    method: "get",
    path: "/api/v1/users",
    tag: "Users",
    summary: "Users",
    access: "user:manage",
    replies: [
      {
        status: 200,
        description: "Every user",
        schema: z.object({
          items: z.array(z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable(), role, disabled: z.boolean(), createdAt: timestamp, lastDecisionAt: timestamp.nullable() })),
        }),
      },
    ],
  },
  {
    method: "post",
    path: "/api/v1/users",
    tag: "Users",
    summary: "Invite a user",
    description: "The account is made at once without a password; the invited user sets one through the one-time `invitePath`.",
    access: "user:manage",
    body: { schema: inviteUserSchema },
    replies: [
      {
        status: 201,
        description: "The user and the link to pass on",
        schema: z.object({ user: z.object({ id: z.uuid(), email: z.string(), role }), invitePath: z.string(), expiresAt: timestamp }),
      },
    ],
    refusals: [{ status: 409, codes: ["conflict"], description: "A user with that email exists" }],
  },
  {
    method: "patch",
    path: "/api/v1/users/{id}",
    tag: "Users",
    summary: "Change a user's role, groups, or disable them",
    access: "user:manage",
    params: { id: z.uuid() },
    body: { schema: updateUserSchema },
    replies: [{ status: 200, description: "The user", schema: z.object({ id: z.uuid(), email: z.string(), role, disabled: z.boolean() }) }],
    refusals: [
      { status: 404, codes: ["not_found"], description: "No such user" },
      { status: 409, codes: ["conflict"], description: "An admin cannot disable or demote themselves" },
    ],
  },
];
