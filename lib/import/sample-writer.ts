import type pg from "pg";
import { riskSqlLabel } from "../domain/risk";
import { syncFirstOpinionQueue } from "../queue/sync-queue";
import type { PreparedSample } from "./prepared-sample";

export type BatchCounts = { imported: number; updated: number; unchanged: number };

/**
 * Writes one batch of validated samples inside the caller's transaction. New ids are inserted; changed
 * ones keep their row (and so their adjudications and leases), with the previous content saved as a
 * revision; identical ones are left alone.
 */
export async function writeBatch(
  client: pg.PoolClient,
  datasetId: string,
  importRunId: string,
  batch: PreparedSample[],
): Promise<BatchCounts> {
  if (batch.length === 0) return { imported: 0, updated: 0, unchanged: 0 };
  const { rows: existing } = await client.query<{ id: number; external_id: string; content_hash: string }>(
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

  const written = [...fresh.map((sample, index) => ({ id: freshIds[index]!, sample })), ...changed];
  await replaceJudges(client, written);
  await replaceImportedPrelabels(client, written);
  await syncFirstOpinionQueue(client, written.map((entry) => entry.id));
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

function sampleColumns(samples: PreparedSample[]) {
  return [
    samples.map((s) => s.externalId),
    samples.map((s) => s.question),
    samples.map((s) => s.thinking),
    samples.map((s) => s.answer),
    samples.map((s) => s.category),
    samples.map((s) => s.imageCondition),
    samples.map((s) => s.attack),
    samples.map((s) => s.source),
    samples.map((s) => s.model),
    samples.map((s) => s.meta),
    samples.map((s) => s.image?.sha256 ?? null),
    samples.map((s) => s.contentHash),
    samples.map((s) => s.route),
    samples.map((s) => (s.consensus === null ? null : riskSqlLabel(s.consensus))),
    samples.map((s) => s.votes),
  ];
}

const UNNEST_SAMPLE_COLUMNS = `$2::text[], $3::text[], $4::text[], $5::text[], $6::category[], $7::image_condition[],
  $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::text[], $14::vote_route[], $15::risk_level[], $16::jsonb[]`;

async function insertSamples(client: pg.PoolClient, datasetId: string, samples: PreparedSample[]): Promise<number[]> {
  if (samples.length === 0) return [];
  const { rows } = await client.query<{ id: number; external_id: string }>(
    `INSERT INTO samples (dataset_id, external_id, question, thinking, answer, category, image_condition, attack, source,
                          model, meta, image_sha256, content_hash, route, consensus, votes, audit_bucket, review_bucket)
     SELECT $1::uuid, u.* FROM unnest(${UNNEST_SAMPLE_COLUMNS}, $17::smallint[], $18::smallint[]) AS u
     RETURNING id, external_id`,
    [datasetId, ...sampleColumns(samples), samples.map((s) => s.auditBucket), samples.map((s) => s.reviewBucket)],
  );
  const idByExternalId = new Map(rows.map((row) => [row.external_id, row.id]));
  return samples.map((sample) => idByExternalId.get(sample.externalId)!);
}

async function saveRevisions(client: pg.PoolClient, importRunId: string, ids: number[]) {
  if (ids.length === 0) return;
  await client.query(
    `INSERT INTO sample_revisions (sample_id, import_run_id, content_hash, content)
     SELECT s.id, $2::uuid, s.content_hash, jsonb_build_object(
       'id', s.external_id, 'question', s.question, 'thinking', s.thinking, 'answer', s.answer,
       'category', s.category, 'image_condition', s.image_condition, 'attack', s.attack, 'source', s.source,
       'model', s.model, 'meta', s.meta, 'image_sha256', s.image_sha256,
       'judges', (SELECT jsonb_agg(jsonb_build_object('name', j.judge, 'analysis', j.analysis,
                                                      'judgment', j.judgment::text::numeric) ORDER BY j.position)
                    FROM judge_verdicts j WHERE j.sample_id = s.id))
     FROM samples s WHERE s.id = ANY($1::int[])`,
    [ids, importRunId],
  );
}

async function updateSamples(client: pg.PoolClient, changed: { id: number; sample: PreparedSample }[]) {
  if (changed.length === 0) return;
  const samples = changed.map((entry) => entry.sample);
  await client.query(
    `UPDATE samples SET question = u.question, thinking = u.thinking, answer = u.answer, category = u.category,
            image_condition = u.image_condition, attack = u.attack, source = u.source, model = u.model, meta = u.meta,
            image_sha256 = u.image_sha256, content_hash = u.content_hash, route = u.route, consensus = u.consensus,
            votes = u.votes, updated_at = now()
       FROM unnest($1::int[], ${UNNEST_SAMPLE_COLUMNS})
            AS u(id, external_id, question, thinking, answer, category, image_condition, attack, source, model, meta,
                 image_sha256, content_hash, route, consensus, votes)
      WHERE samples.id = u.id`,
    [changed.map((entry) => entry.id), ...sampleColumns(samples)],
  );
}

async function replaceJudges(client: pg.PoolClient, written: { id: number; sample: PreparedSample }[]) {
  if (written.length === 0) return;
  await client.query(`DELETE FROM judge_verdicts WHERE sample_id = ANY($1::int[])`, [written.map((entry) => entry.id)]);
  const rows = written.flatMap(({ id, sample }) =>
    sample.judges.map((judge, position) => ({ id, position, ...judge })),
  );
  await client.query(
    `INSERT INTO judge_verdicts (sample_id, position, judge, analysis, judgment)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::risk_level[])`,
    [rows.map((r) => r.id), rows.map((r) => r.position), rows.map((r) => r.name), rows.map((r) => r.analysis), rows.map((r) => riskSqlLabel(r.judgment))],
  );
}

/** Pre-labels carried in the file follow the file; those the worker wrote are never touched by an import. */
async function replaceImportedPrelabels(client: pg.PoolClient, written: { id: number; sample: PreparedSample }[]) {
  if (written.length === 0) return;
  await client.query(`DELETE FROM prelabels WHERE origin = 'import' AND sample_id = ANY($1::int[])`, [
    written.map((entry) => entry.id),
  ]);
  const rows = written.flatMap(({ id, sample }) => (sample.prelabel ? [{ id, ...sample.prelabel }] : []));
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO prelabels (sample_id, model_name, model_version, judgment, analysis, origin)
     SELECT *, 'import' FROM unnest($1::int[], $2::text[], $3::text[], $4::risk_level[], $5::text[])
     ON CONFLICT (sample_id, model_name, model_version) DO NOTHING`,
    [rows.map((r) => r.id), rows.map((r) => r.model), rows.map((r) => r.version), rows.map((r) => riskSqlLabel(r.judgment)), rows.map((r) => r.analysis)],
  );
}
