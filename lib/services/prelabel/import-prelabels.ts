import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction, pool } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { UserError } from "../../errors";
import { matchKeyOf } from "../../import/match-key";
import { readRecords } from "../../import/read-records";
import { detectFormat, type ReadProgress } from "../../import/record-source";
import { readEvaluationRecord, type SampleRef } from "../../prelabel/evaluation-record";
import { syncFirstOpinionQueue } from "../../queue/sync-queue";
import { datasetIdByName } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";
import { samplesByExternalId, samplesByMatchKey, samplesWithoutMatchKey, setMatchKeys, upsertEvaluationPrelabels } from "./prelabel-sql";

const label = z.string().trim().min(1, "must not be empty").max(200);

/** `gts prelabel import`: whose output this is, and which dataset it was run on. */
export const prelabelImportSchema = z.strictObject({
  file: z.string().min(1),
  dataset: label,
  model: label,
  version: label,
});

export type PrelabelImportSummary = {
  imported: number;
  unchanged: number;
  unmatched: { line: number; reason: string }[];
  unparseable: { line: number; reason: string }[];
};

type Matched = { line: number; sampleId: number; judgment: RiskValue; analysis: string | null };

const BATCH = 1000;

/**
 * Imports a guard's evaluation output as pre-labels of one model version: each record is matched to its
 * sample by external id or by content, its reply parsed like the worker's, and all matched records are
 * written in one transaction. One pre-label per sample, model and version: importing the same output
 * again changes nothing, and a changed verdict replaces the old one.
 */
export async function importPrelabels(actor: Actor | null, input: unknown): Promise<PrelabelImportSummary> {
  assertCan(actor, "prelabel:queue");
  const { file, dataset, model, version } = parseInput(prelabelImportSchema, input);
  const resolved = path.resolve(file);
  const stat = await fs.stat(resolved).catch(() => null);
  if (!stat?.isFile()) throw new UserError(`no such file: ${file}`);
  const datasetId = await datasetIdByName(pool(), dataset);
  await fillMissingMatchKeys(datasetId);

  const summary: PrelabelImportSummary = { imported: 0, unchanged: 0, unmatched: [], unparseable: [] };
  return inTransaction(async (client) => {
    const claimedBy = new Map<number, number>();
    const touched: number[] = [];
    let pending: { line: number; ref: SampleRef; verdict: { judgment: RiskValue; analysis: string | null } }[] = [];
    const flush = async () => {
      const matched = await matchBatch(client, datasetId, pending, summary, claimedBy);
      pending = [];
      const written = await writeBatch(client, { model, version }, matched);
      summary.imported += written.length;
      summary.unchanged += matched.length - written.length;
      touched.push(...written);
    };
    const progress: ReadProgress = { records: 0, fraction: 0 };
    for await (const source of readRecords(resolved, await detectFormat(resolved), stat.size, progress)) {
      if ("error" in source) {
        summary.unparseable.push({ line: source.position, reason: source.error });
        continue;
      }
      const record = readEvaluationRecord(source.value);
      if ("unmatched" in record) summary.unmatched.push({ line: source.position, reason: record.unmatched });
      else if ("unparseable" in record) summary.unparseable.push({ line: source.position, reason: record.unparseable });
      else pending.push({ line: source.position, ref: record.ref, verdict: record.verdict });
      if (pending.length >= BATCH) await flush();
    }
    await flush();
    await syncFirstOpinionQueue(client, touched);
    await appendAuditEvent(client, {
      actor,
      action: "prelabel.import",
      entityType: "dataset",
      entityId: datasetId,
      after: { dataset, model, version, file: path.basename(resolved), imported: summary.imported, unchanged: summary.unchanged, unmatched: summary.unmatched.length, unparseable: summary.unparseable.length },
    });
    return summary;
  });
}

/** Finds each record's sample; records that find none, or more than one, or one already taken, are unmatched. */
async function matchBatch(
  client: pg.PoolClient,
  datasetId: string,
  pending: { line: number; ref: SampleRef; verdict: { judgment: RiskValue; analysis: string | null } }[],
  summary: PrelabelImportSummary,
  claimedBy: Map<number, number>,
): Promise<Matched[]> {
  if (pending.length === 0) return [];
  const ids = pending.flatMap(({ ref }) => ("externalId" in ref ? [ref.externalId] : []));
  const keys = pending.flatMap(({ ref }) => ("matchKey" in ref ? [ref.matchKey] : []));
  const idOf = new Map((await samplesByExternalId(client, datasetId, ids)).map((row) => [row.external_id, row.id]));
  const candidates = new Map<string, { id: number; imageName: string | null }[]>();
  for (const row of await samplesByMatchKey(client, datasetId, keys)) candidates.set(row.match_key, [...(candidates.get(row.match_key) ?? []), { id: row.id, imageName: row.image_name }]);

  const matched: Matched[] = [];
  for (const { line, ref, verdict } of pending) {
    const found = "externalId" in ref ? findById(idOf, ref.externalId) : findByContent(candidates.get(ref.matchKey) ?? [], ref.imageName);
    if (typeof found === "string") {
      summary.unmatched.push({ line, reason: found });
      continue;
    }
    const earlier = claimedBy.get(found);
    if (earlier !== undefined) {
      summary.unmatched.push({ line, reason: `finds the same sample as line ${earlier}` });
      continue;
    }
    claimedBy.set(found, line);
    matched.push({ line, sampleId: found, ...verdict });
  }
  return matched;
}

function findById(idOf: Map<string, number>, externalId: string): number | string {
  return idOf.get(externalId) ?? `no sample with id '${externalId.slice(0, 80)}' in the dataset`;
}

/** Text first; the image name settles which of several samples with the same text it is. */
function findByContent(candidates: { id: number; imageName: string | null }[], imageName: string | null): number | string {
  if (candidates.length === 0) return "no sample in the dataset has this question, thinking and answer";
  if (candidates.length === 1 && (imageName === null || candidates[0]!.imageName === null || candidates[0]!.imageName === imageName)) return candidates[0]!.id;
  const same = candidates.filter((candidate) => candidate.imageName === imageName);
  if (same.length === 1) return same[0]!.id;
  if (same.length === 0) return `no sample with this text has the image '${imageName ?? "(none)"}'`;
  return `${same.length} samples share this text${imageName ? ` and the image '${imageName}'` : ""}; give the id instead`;
}

/** Returns the samples whose pre-label was written (new or changed); an identical verdict is left alone. */
async function writeBatch(client: pg.PoolClient, model: { model: string; version: string }, matched: Matched[]): Promise<number[]> {
  if (matched.length === 0) return [];
  return upsertEvaluationPrelabels(client, model, matched);
}

/**
 * Gives the dataset's samples their match keys where they have none: the import leaves them out (most
 * datasets never need one), so the first evaluation import of a dataset computes them, once.
 */
async function fillMissingMatchKeys(datasetId: string): Promise<void> {
  for (;;) {
    const rows = await samplesWithoutMatchKey(pool(), datasetId, 1000);
    if (rows.length === 0) return;
    await setMatchKeys(pool(), rows.map((row) => ({ id: row.id, key: matchKeyOf(row.question, row.thinking, row.answer) })));
  }
}
