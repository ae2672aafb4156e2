import "server-only";
import path from "node:path";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { IMPORT_QUEUE, type ImportJob } from "../../import/import-queue";
import { sendInTransaction } from "../../jobs/boss";
import { detectFormat } from "../../import/record-source";
import { importWorkDir } from "../../paths";
import { parseInput } from "../parse-input";
import { resolveImportInput } from "./import-input";
import { importRequestSchema } from "./import-request";
import { insertQueuedRun, setRunOptions } from "./import-sql";

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
 * is on the history at once, and shows its progress while the worker streams it. The run and its job
 * commit together, so no run waits for a job that was never sent.
 */
export async function queueImport(actor: Actor | null, body: unknown): Promise<{ id: string }> {
  assertCan(actor, "sample:import");
  const request = parseInput(importRequestSchema, body);
  const input = await resolveImportInput(request);
  const format = await detectFormat(input.file);
  return inTransaction(async (client) => {
    const id = await insertQueuedRun(client, { datasetName: request.dataset, actorId: actor.userId, fileName: input.displayName, skipInvalid: request.skipInvalid, format });
    const options: QueuedImportOptions = {
      file: input.file,
      imageDir: input.imageDir ?? null,
      skipInvalid: request.skipInvalid,
      rejectsFile: path.join(importWorkDir(), "rejects", `${id}.rejects.jsonl`),
      layout: { layout: request.layout, map: request.map, set: request.set, ...(request.source ? { source: request.source } : {}) },
    };
    await setRunOptions(client, id, options);
    await sendInTransaction(client, IMPORT_QUEUE, { runId: id } satisfies ImportJob);
    return { id };
  });
}
