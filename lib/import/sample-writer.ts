import type pg from "pg";
import { copyRows, type CopyValue } from "../db/copy-rows";
import { riskSqlLabel } from "../domain/risk";
import { syncImportedGold } from "../quality/sync-gold";
import { enqueueNewSamples, syncFirstOpinionQueue } from "../queue/sync-queue";
import type { PreparedSample } from "./prepared-sample";

export type BatchCounts = { imported: number; updated: number; unchanged: number };

export type BatchTarget = {
  datasetId: string;
  importRunId: string;
  /** The dataset held no sample when the import took its lock: every line is new, none needs a lookup. */
  startedEmpty: boolean;
  /** Facets (`kind\tvalue`) this import has recorded already, so most batches write none. */
  recordedFacets: Set<string>;
};

/**
 * Writes one batch of validated samples inside the caller's transaction. New ids are inserted; changed
 * ones keep their row (and so their adjudications and leases), with the previous content saved as a
 * revision; identical ones are left alone.
 */
export async function writeBatch(client: pg.PoolClient, target: BatchTarget, batch: PreparedSample[]): Promise<BatchCounts> {
  if (batch.length === 0) return { imported: 0, updated: 0, unchanged: 0 };
  const { datasetId, importRunId } = target;
  const { rows: existing } = target.startedEmpty
    ? { rows: [] }
    : await client.query<{ id: number; external_id: string; content_hash: string }>(
        `SELECT id, external_id, content_hash FROM samples WHERE dataset_id = $1 AND external_id = ANY($2::text[])`,
        [datasetId, batch.map((sample) => sample.externalId)],
      );
  const byExternalId = new Map(existing.map((row) => [row.external_id, row]));
  const fresh: PreparedSample[] = [];
  const changed: { id: number; sample: PreparedSample }[] = [];
  let unchanged = 0;
  for (const sample of batch) {
    const row = byExternalId.get(sample.externalId);
    if (!row) fresh.push(sample);
    else if (row.content_hash !== sample.contentHash) changed.push({ id: row.id, sample });
    else unchanged += 1;
  }

  await insertImages(client, [...fresh, ...changed.map((entry) => entry.sample)]);
  const freshIds = await insertSamples(client, datasetId, fresh);
  await saveRevisions(client, importRunId, changed.map((entry) => entry.id));
  await updateSamples(client, changed);

  const inserted = fresh.map((sample, index) => ({ id: freshIds[index]!, sample }));
  await clearImportedPrelabels(client, changed.map((entry) => entry.id));
  await insertImportedPrelabels(client, [...inserted, ...changed]);
  await syncImportedGold(client, datasetId, [...inserted, ...changed], changed.map((entry) => entry.id));
  await enqueueNewSamples(client, freshIds);
  await syncFirstOpinionQueue(client, changed.map((entry) => entry.id));
  await recordFacets(client, target, [...fresh, ...changed.map((entry) => entry.sample)]);
  return { imported: fresh.length, updated: changed.length, unchanged };
}

async function insertImages(client: pg.PoolClient, samples: PreparedSample[]) {
  const images = new Map(samples.flatMap((sample) => (sample.image ? [[sample.image.sha256, sample.image] as const] : [])));
  if (images.size === 0) return;
  const list = [...images.values()];
  await client.query(
    `INSERT INTO images (sha256, mime, byte_size, width, height)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[])
     ON CONFLICT (sha256) DO NOTHING`,
    [list.map((i) => i.sha256), list.map((i) => i.mime), list.map((i) => i.byteSize), list.map((i) => i.width), list.map((i) => i.height)],
  );
}

/** The columns a line sets, with their SQL types, in the order of `contentValues`. */
const CONTENT_COLUMNS = [
  ["external_id", "text"], ["question", "text"], ["thinking", "text"], ["answer", "text"], ["category", "category"],
  ["image_condition", "image_condition"], ["attack", "text"], ["source", "text"], ["model", "text"], ["meta", "jsonb"],
  ["image_sha256", "text"], ["content_hash", "text"], ["route", "vote_route"], ["consensus", "risk_level"], ["votes", "jsonb"],
  ["judges", "jsonb"], ["reference_judgment", "risk_level"], ["reference_source", "text"], ["match_key", "text"],
  ["image_name", "text"], ["token_counts", "jsonb"],
] as const;

function contentValues(s: PreparedSample): CopyValue[] {
  return [
    s.externalId, s.question, s.thinking, s.answer, s.category, s.imageCondition, s.attack, s.source, s.model, s.meta,
    s.image?.sha256 ?? null, s.contentHash, s.route, s.consensus === null ? null : riskSqlLabel(s.consensus), s.votes, s.judgesJson,
    // The match key is left for `prelabel import` to fill on first use: hashing every trace again cost the
    // import a seventh of its rate, for a key most datasets never need. A changed line clears it.
    // The token counts, too, are the worker's to fill (`lib/tokens/count-pending.ts`); a changed line clears them.
    s.reference ? riskSqlLabel(s.reference.judgment) : null, s.reference?.source ?? null, null, s.imageName, null,
  ];
}

const SAMPLE_COPY_COLUMNS = ["id", "dataset_id", ...CONTENT_COLUMNS.map(([name]) => name), "audit_bucket", "review_bucket"];

/** Takes the ids from the sequence first, so that the rows can go in by COPY, which returns none. */
async function insertSamples(client: pg.PoolClient, datasetId: string, samples: PreparedSample[]): Promise<number[]> {
  if (samples.length === 0) return [];
  const { rows } = await client.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('samples', 'id'))::int AS id FROM generate_series(1, $1)`,
    [samples.length],
  );
  const ids = rows.map((row) => row.id);
  await copyRows(
    client,
    "samples",
    SAMPLE_COPY_COLUMNS,
    samples.map((s, index) => [ids[index]!, datasetId, ...contentValues(s), s.auditBucket, s.reviewBucket]),
  );
  return ids;
}

async function saveRevisions(client: pg.PoolClient, importRunId: string, ids: number[]) {
  if (ids.length === 0) return;
  await client.query(
    `INSERT INTO sample_revisions (sample_id, import_run_id, content_hash, content)
     SELECT s.id, $2::uuid, s.content_hash, jsonb_build_object(
       'id', s.external_id, 'question', s.question, 'thinking', s.thinking, 'answer', s.answer,
       'category', s.category, 'image_condition', s.image_condition, 'attack', s.attack, 'source', s.source,
       'model', s.model, 'meta', s.meta, 'image_sha256', s.image_sha256, 'judges', s.judges,
       'reference', CASE WHEN s.reference_judgment IS NULL THEN NULL
                         ELSE jsonb_build_object('judgment', s.reference_judgment::text::numeric, 'source', s.reference_source) END)
     FROM samples s WHERE s.id = ANY($1::int[])`,
    [ids, importRunId],
  );
}

/** A changed line keeps its row and its external id; everything else it sets is replaced. */
async function updateSamples(client: pg.PoolClient, changed: { id: number; sample: PreparedSample }[]) {
  if (changed.length === 0) return;
  const rows = changed.map((entry) => contentValues(entry.sample));
  const set = CONTENT_COLUMNS.filter(([name]) => name !== "external_id").map(([name]) => `${name} = u.${name}`);
  await client.query(
    `UPDATE samples SET ${set.join(", ")}, updated_at = now()
       FROM unnest($1::int[], ${CONTENT_COLUMNS.map(([, type], index) => `$${index + 2}::${type}[]`).join(", ")})
            AS u(id, ${CONTENT_COLUMNS.map(([name]) => name).join(", ")})
      WHERE samples.id = u.id`,
    [changed.map((entry) => entry.id), ...CONTENT_COLUMNS.map((_, column) => rows.map((row) => row[column]))],
  );
}

/** Pre-labels carried in the file follow the file; those the worker wrote are never touched by an import. */
async function clearImportedPrelabels(client: pg.PoolClient, ids: number[]) {
  if (ids.length === 0) return;
  await client.query(`DELETE FROM prelabels WHERE origin = 'import' AND sample_id = ANY($1::int[])`, [ids]);
}

async function insertImportedPrelabels(client: pg.PoolClient, written: { id: number; sample: PreparedSample }[]) {
  const rows = written.flatMap(({ id, sample }) => (sample.prelabel ? [{ id, ...sample.prelabel }] : []));
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO prelabels (sample_id, model_name, model_version, judgment, analysis, origin)
     SELECT *, 'import' FROM unnest($1::int[], $2::text[], $3::text[], $4::risk_level[], $5::text[])
     ON CONFLICT (sample_id, model_name, model_version) DO NOTHING`,
    [rows.map((r) => r.id), rows.map((r) => r.model), rows.map((r) => r.version), rows.map((r) => riskSqlLabel(r.judgment)), rows.map((r) => r.analysis)],
  );
}

const FACETS = {
  attack: (sample: PreparedSample) => [sample.attack],
  source: (sample: PreparedSample) => [sample.source],
  model: (sample: PreparedSample) => [sample.model],
  judge: (sample: PreparedSample) => sample.judges.map((judge) => judge.name),
} as const;

async function recordFacets(client: pg.PoolClient, target: BatchTarget, samples: PreparedSample[]) {
  const fresh: { kind: string; value: string }[] = [];
  for (const [kind, valuesOf] of Object.entries(FACETS)) {
    for (const sample of samples) {
      for (const value of valuesOf(sample)) {
        const key = `${kind}\t${value}`;
        if (value === null || target.recordedFacets.has(key)) continue;
        target.recordedFacets.add(key);
        fresh.push({ kind, value });
      }
    }
  }
  if (fresh.length === 0) return;
  await client.query(
    `INSERT INTO dataset_facets (dataset_id, facet, value)
     SELECT $1::uuid, * FROM unnest($2::facet_kind[], $3::text[]) ON CONFLICT DO NOTHING`,
    [target.datasetId, fresh.map((facet) => facet.kind), fresh.map((facet) => facet.value)],
  );
}
