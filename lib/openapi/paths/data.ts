import { z } from "zod";
import { exportOptionsSchema } from "../../export/export-options";
import { IMPORT_FORMATS } from "../../import/record-source";
import { exportIdSchema } from "../../services/exports/get-export";
import { importRequestSchema } from "../../services/import/import-request";
import { prelabelRunSchema } from "../../services/prelabel/queue-prelabel-run";
import { jsonValue, timestamp } from "../common";
import type { Operation } from "../operation";

const importRun = z.object({
  id: z.uuid(),
  dataset: z.string().nullable(),
  fileName: z.string(),
  format: z.string().nullable(),
  layout: z.string().nullable(),
  status: z.enum(["queued", "running", "succeeded", "failed", "interrupted"]).meta({ description: "`interrupted`: recorded as running, but its process stopped writing progress" }),
  startedBy: z.string().nullable(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  recordsRead: z.number().int(),
  progress: z.number(),
  error: z.string().nullable(),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  hasRejectsFile: z.boolean(),
});

const exportRun = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    format: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    filters: z.record(z.string(), jsonValue),
    rowsWritten: z.number().int(),
    rowsTotal: z.number().int().nullable(),
    error: z.string().nullable(),
    manifest: z.record(z.string(), jsonValue).nullable().meta({ description: "The bundle's manifest.json once it succeeded (docs/export.md)" }),
    createdBy: z.string().nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
    downloadUrl: z.string().nullable(),
  })
  .meta({ id: "Export" });

const byKind = z.object({ sft: z.number().int().nullable(), dpo: z.number().int().nullable(), ogdpo: z.number().int().nullable() });
const runId = { id: z.uuid() };

export const dataOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/imports/uploads",
    tag: "Imports",
    summary: "Upload a file to import",
    description: "The file is the raw body, streamed to disk; `name` gives its name, whose extension says its format.",
    access: "sample:import",
    query: z.object({ name: z.string().min(1).max(200) }),
    body: { contentType: "application/octet-stream", description: "The file: JSON lines, a JSON array or Parquet" },
    replies: [{ status: 201, description: "The upload, to pass to an import", schema: z.object({ upload: z.uuid(), name: z.string(), size: z.number().int(), format: z.enum(IMPORT_FORMATS) }) }],
    refusals: [
      { status: 413, codes: ["too_large"], description: "Larger than the upload limit" },
      { status: 415, codes: ["unsupported_media_type"], description: "Not sent as application/octet-stream" },
    ],
  },
  {
    method: "post",
    path: "/api/v1/imports/preview",
    tag: "Imports",
    summary: "Read an upload's first records with a layout, without importing",
    access: "sample:import",
    body: { schema: importRequestSchema },
    replies: [
      {
        status: 200,
        description: "Each record as it would be imported, or its problem",
        schema: z.object({ format: z.enum(IMPORT_FORMATS), records: z.array(z.object({ position: z.number().int(), mapped: z.record(z.string(), jsonValue).nullable(), problem: z.string().nullable() })) }),
      },
    ],
  },
  {
    method: "post",
    path: "/api/v1/imports",
    tag: "Imports",
    summary: "Queue an import of an upload for the worker",
    access: "sample:import",
    body: { schema: importRequestSchema },
    replies: [{ status: 202, description: "The run to poll (also in Location)", schema: z.object({ id: z.uuid() }) }],
  },
  {
    method: "get",
    path: "/api/v1/imports",
    tag: "Imports",
    summary: "Import runs, newest first",
    access: "sample:import",
    replies: [{ status: 200, description: "The runs", schema: z.object({ items: z.array(importRun) }) }],
  },
  {
    method: "get",
    path: "/api/v1/imports/{id}",
    tag: "Imports",
    summary: "One import run, with its first rejected lines",
    access: "sample:import",
    params: runId,
    replies: [{ status: 200, description: "The run", schema: importRun.extend({ rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })) }) }],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such run" }],
  },
  {
    method: "get",
    path: "/api/v1/imports/{id}/rejects",
    tag: "Imports",
    summary: "The run's rejected lines as a file",
    access: "sample:import",
    params: runId,
    replies: [{ status: 200, description: "One JSON line per rejected record, with its line and reason", contentType: "application/x-ndjson" }],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such run, or it kept no rejects file" }],
  },
  {
    method: "post",
    path: "/api/v1/exports/preview",
    tag: "Exports",
    summary: "What an export with these options would hold",
    access: "export:create",
    body: { schema: exportOptionsSchema },
    replies: [
      {
        status: 200,
        description: "Samples and rows per kind, and the prompt lengths in tokens",
        schema: z.object({
          counts: byKind,
          rows: byKind,
          lengths: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), max: z.number().nullable(), overMaxLength: z.number().int(), uncounted: z.number().int() }),
        }),
      },
    ],
  },
  {
    method: "post",
    path: "/api/v1/exports",
    tag: "Exports",
    summary: "Start an export in the background",
    access: "export:create",
    body: { schema: exportOptionsSchema },
    replies: [{ status: 202, description: "The export to poll (also in Location)", schema: exportRun }],
  },
  {
    method: "get",
    path: "/api/v1/exports",
    tag: "Exports",
    summary: "Exports, newest first",
    access: "export:read",
    replies: [{ status: 200, description: "The exports", schema: z.object({ items: z.array(exportRun) }) }],
  },
  {
    method: "get",
    path: "/api/v1/exports/{id}",
    tag: "Exports",
    summary: "One export",
    access: "export:read",
    params: { id: exportIdSchema },
    replies: [{ status: 200, description: "The export", schema: exportRun }],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such export" }],
  },
  {
    method: "get",
    path: "/api/v1/exports/{id}/download",
    tag: "Exports",
    summary: "Download a finished export's bundle",
    access: "export:read",
    params: { id: exportIdSchema },
    replies: [{ status: 200, description: "The bundle (docs/export.md)", contentType: "application/zip" }],
    refusals: [{ status: 404, codes: ["not_found"], description: "No such export, or it has not finished" }],
  },
  {
    method: "post",
    path: "/api/v1/prelabel-runs",
    tag: "Pre-labels",
    summary: "Queue guard pre-labels for the samples the current model has not labelled",
    access: "prelabel:queue",
    body: { schema: prelabelRunSchema },
    replies: [{ status: 202, description: "How many jobs were queued, for which model", schema: z.object({ queued: z.number().int(), model: z.string(), version: z.string() }) }],
  },
  {
    method: "get",
    path: "/api/v1/prelabel-panel",
    tag: "Pre-labels",
    summary: "Pre-label coverage, models, the job queue and recent failures",
    access: "stats:read",
    replies: [
      {
        status: 200,
        description: "The pre-label page's figures",
        schema: z.object({
          coverage: z.array(z.object({ dataset: z.string(), samples: z.number().int(), model: z.string().nullable(), version: z.string().nullable(), labelled: z.number().int() })),
          models: z.array(z.record(z.string(), jsonValue)),
          current: z.object({ model: z.string(), version: z.string() }).nullable(),
          exports: z.array(z.record(z.string(), jsonValue)).nullable(),
          queue: z.object({ created: z.number().int(), retry: z.number().int(), active: z.number().int(), completed: z.number().int(), failed: z.number().int(), deadLettered: z.number().int() }),
          failures: z.array(z.record(z.string(), jsonValue)),
          throughput: z.object({ lastMinute: z.number().int(), lastTenMinutes: z.number().int() }),
        }),
      },
    ],
  },
];
