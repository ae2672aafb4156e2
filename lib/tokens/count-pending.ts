import type pg from "pg";
import { inTransaction } from "../db/pool";
import { parseStoredJudges } from "../domain/stored-judges";
import { renderCompletion } from "../guard/guard-profile";
import { guardUserText } from "../guard/guard-prompt";
import { countTokens } from "./qwen-tokenizer";

const BATCH = 500;

export type CountedTokens = { samples: number; adjudications: number; prelabels: number; profiles: number };

/**
 * Counts the Qwen2.5 tokens of whatever has none yet: each sample's user text and judge analyses (once
 * per content: a re-import that changes a line clears its counts), expert corrections, pre-label
 * analyses and guard profiles. Rows are locked while counted (`SKIP LOCKED`, so two workers share the
 * work), one batch per transaction; returns what this call counted, and stops when nothing is left.
 */
export async function countPendingTokens(): Promise<CountedTokens> {
  const counted: CountedTokens = { samples: 0, adjudications: 0, prelabels: 0, profiles: 0 };
  for (;;) {
    const done = await inTransaction(async (client) => ({
      samples: await countSamples(client),
      adjudications: await countAnalyses(client, "adjudications"),
      prelabels: await countAnalyses(client, "prelabels"),
      profiles: await countProfiles(client),
    }));
    for (const key of Object.keys(counted) as (keyof CountedTokens)[]) counted[key] += done[key];
    if (Object.values(done).every((count) => count === 0)) return counted;
  }
}

async function countSamples(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ id: number; question: string; thinking: string; answer: string; judges: unknown }>(
    `SELECT id, question, thinking, answer, judges FROM samples WHERE token_counts IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
  );
  if (rows.length === 0) return 0;
  const counts = rows.map((row) => JSON.stringify({ user: countTokens(guardUserText(row)), judges: parseStoredJudges(row.judges).map((judge) => countTokens(judge.analysis)) }));
  await client.query(`UPDATE samples SET token_counts = u.counts FROM unnest($1::int[], $2::jsonb[]) AS u(id, counts) WHERE samples.id = u.id`, [rows.map((row) => row.id), counts]);
  return rows.length;
}

async function countAnalyses(client: pg.PoolClient, table: "adjudications" | "prelabels"): Promise<number> {
  const { rows } = await client.query<{ id: string; analysis: string }>(
    `SELECT id::text AS id, analysis FROM ${table} WHERE analysis_tokens IS NULL AND analysis IS NOT NULL LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
  );
  if (rows.length === 0) return 0;
  await client.query(
    `UPDATE ${table} SET analysis_tokens = u.tokens FROM unnest($1::text[], $2::int[]) AS u(id, tokens) WHERE ${table}.id::text = u.id`,
    [rows.map((row) => row.id), rows.map((row) => countTokens(row.analysis))],
  );
  return rows.length;
}

async function countProfiles(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ sha: string; system_prompt: string; completion_template: string }>(
    `SELECT system_prompt_sha256 AS sha, system_prompt, completion_template FROM guard_profiles
      WHERE system_prompt_tokens IS NULL OR template_tokens IS NULL FOR UPDATE SKIP LOCKED`,
  );
  for (const row of rows) {
    // The template's own words around an empty analysis; the analysis is counted with its sample.
    const template = countTokens(renderCompletion(row.completion_template, { analysis: "", judgment: 0.5 }));
    await client.query(`UPDATE guard_profiles SET system_prompt_tokens = $2, template_tokens = $3 WHERE system_prompt_sha256 = $1`, [row.sha, countTokens(row.system_prompt), template]);
  }
  return rows.length;
}
