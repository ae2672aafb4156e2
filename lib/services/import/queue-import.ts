import "server-only";
import path from "node:path";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { IMPORT_QUEUE, openImportQueue, type ImportJob } from "../../import/import-queue";
import { detectFormat } from "../../import/record-source";
import { importWorkDir } from "../../paths";
import { parseInput } from "../parse-input";
import { resolveImportInput } from "./import-input";
import { importRequestSchema } from "./import-request";

/** What a queued run keeps, so the worker can run it exactly as asked. */
export type QueuedImportOptions = {
  file: string;
  imageDir: string | null;
  skipInvalid: boolean;
  rejectsFile: string;
  layout: { layout: string; map: Record<string, string>; set: Record<string, string>; source?: string };
};

/**
 * Records an import as queued and hands it to the worker: the web process never reads the file. The run
 * is on the history at once, and shows its progress while the worker streams it.
 */
export async function queueImport(actor: Actor | null, body: unknown): Promise<{ id: string }> {
  assertCan(actor, "sample:import");
  const request = parseInput(importRequestSchema, body);
  const input = await resolveImportInput(request);
  const { rows } = await pool().query<{ id: string }>(
    `INSERT INTO import_runs (dataset_id, dataset_name, actor_id, file_name, skip_invalid, format, status, options)
     VALUES ((SELECT id FROM datasets WHERE name = $1), $1, $2, $3, $4, $5, 'queued', '{}') RETURNING id`,
    [request.dataset, actor.userId, input.displayName, request.skipInvalid, await detectFormat(input.file)],
  );
  const id = rows[0]!.id;
  const options: QueuedImportOptions = {
    file: input.file,
    imageDir: input.imageDir ?? null,
    skipInvalid: request.skipInvalid,
    rejectsFile: path.join(importWorkDir(), "rejects", `${id}.rejects.jsonl`),
    layout: { layout: request.layout, map: request.map, set: request.set, ...(request.source ? { source: request.source } : {}) },
  };
  await pool().query(`UPDATE import_runs SET options = $2 WHERE id = $1`, [id, JSON.stringify(options)]);
  const boss = await openImportQueue();
  try {
    await boss.send(IMPORT_QUEUE, { runId: id } satisfies ImportJob);
  } finally {
    await boss.stop({ graceful: false, wait: false });
  }
  return { id };
}
