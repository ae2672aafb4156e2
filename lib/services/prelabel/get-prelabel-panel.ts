import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { pool } from "../../db/pool";
import { currentModel } from "../../prelabel/guard-config";
import { PGBOSS_SCHEMA } from "../../jobs/boss";
import { PRELABEL_DEAD_LETTER, PRELABEL_QUEUES_LIKE } from "../../prelabel/prelabel-queue";
import { listPrelabelFailures, type PrelabelFailureView } from "./list-prelabel-failures";

export type ProfileView = { systemPromptSha256: string; name: string | null; systemPrompt: string | null; completionTemplate: string | null };

export type PrelabelPanel = {
  coverage: { dataset: string; samples: number; model: string | null; version: string | null; labelled: number }[];
  /** Each model version with pre-labels, with the profile(s) its pre-labels were produced with. */
  models: { model: string; version: string; current: boolean; labelled: number; profiles: ProfileView[]; unprompted: boolean }[];
  current: { model: string; version: string } | null;
  /** Recent exports (admins only) and whether each used the profile the current model's pre-labels carry. */
  exports: { id: string; kind: string; format: string; createdAt: string; profile: { name: string; systemPromptSha256: string } | null; matchesCurrentModel: boolean | null }[] | null;
  queue: { created: number; retry: number; active: number; completed: number; failed: number; deadLettered: number };
  failures: PrelabelFailureView[];
  throughput: { lastMinute: number; lastTenMinutes: number };
};

type CoverageRow = { dataset: string; samples: number; model: string | null; version: string | null; labelled: number; prompts: string[]; unprompted: boolean };

/**
 * Pre-label coverage per dataset and model version with the profile each version ran with, the exports
 * checked against the current model's profile, the job queue's state, recent failures and throughput.
 */
export async function getPrelabelPanel(actor: Actor | null): Promise<PrelabelPanel> {
  assertCan(actor, "stats:read");
  const coverage = await pool().query<CoverageRow>(
    `SELECT d.name AS dataset, (SELECT count(*)::int FROM samples x WHERE x.dataset_id = d.id) AS samples,
            p.model_name AS model, p.model_version AS version, count(DISTINCT p.sample_id)::int AS labelled,
            array_remove(array_agg(DISTINCT p.prompt_sha256), NULL) AS prompts,
            coalesce(bool_or(p.id IS NOT NULL AND p.prompt_sha256 IS NULL), false) AS unprompted
       FROM datasets d
       LEFT JOIN samples s ON s.dataset_id = d.id
       LEFT JOIN prelabels p ON p.sample_id = s.id
      GROUP BY d.id, d.name, p.model_name, p.model_version
      ORDER BY d.name, p.model_name NULLS LAST, p.model_version`,
  );
  const current = await currentModel().catch(() => null);
  const models = await modelVersions(coverage.rows, current);
  const currentPrompts = models.find((model) => model.current)?.profiles.map((profile) => profile.systemPromptSha256) ?? [];
  const throughput = await pool().query<{ minute: number; ten: number }>(
    `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 minute')::int AS minute,
            count(*) FILTER (WHERE created_at > now() - interval '10 minutes')::int AS ten
       FROM prelabels WHERE origin = 'worker' AND created_at > now() - interval '10 minutes'`,
  );
  return {
    coverage: coverage.rows.map(({ dataset, samples, model, version, labelled }) => ({ dataset, samples, model, version, labelled })),
    models,
    current,
    exports: actor && can("export:read", actor.role) ? await recentExports(currentPrompts) : null,
    queue: await queueState(),
    failures: await listPrelabelFailures(actor, { limit: 20 }),
    throughput: { lastMinute: throughput.rows[0]!.minute / 60, lastTenMinutes: throughput.rows[0]!.ten / 600 },
  };
}

async function modelVersions(rows: CoverageRow[], current: { model: string; version: string } | null): Promise<PrelabelPanel["models"]> {
  const byVersion = new Map<string, { model: string; version: string; labelled: number; prompts: Set<string>; unprompted: boolean }>();
  for (const row of rows) {
    if (row.model === null || row.version === null) continue;
    const key = JSON.stringify([row.model, row.version]);
    const entry = byVersion.get(key) ?? { model: row.model, version: row.version, labelled: 0, prompts: new Set<string>(), unprompted: false };
    entry.labelled += row.labelled;
    row.prompts.forEach((prompt) => entry.prompts.add(prompt));
    entry.unprompted ||= row.unprompted;
    byVersion.set(key, entry);
  }
  const hashes = [...new Set([...byVersion.values()].flatMap((entry) => [...entry.prompts]))];
  const { rows: known } = await pool().query<{ sha: string; name: string; system_prompt: string; completion_template: string }>(
    `SELECT system_prompt_sha256 AS sha, name, system_prompt, completion_template FROM guard_profiles WHERE system_prompt_sha256 = ANY($1::text[])`,
    [hashes],
  );
  const named = new Map(known.map((row) => [row.sha, row]));
  return [...byVersion.values()].map((entry) => ({
    model: entry.model,
    version: entry.version,
    current: current !== null && current.model === entry.model && current.version === entry.version,
    labelled: entry.labelled,
    unprompted: entry.unprompted,
    profiles: [...entry.prompts].sort().map((sha) => {
      const profile = named.get(sha);
      return { systemPromptSha256: sha, name: profile?.name ?? null, systemPrompt: profile?.system_prompt ?? null, completionTemplate: profile?.completion_template ?? null };
    }),
  }));
}

async function recentExports(currentPrompts: string[]): Promise<NonNullable<PrelabelPanel["exports"]>> {
  const { rows } = await pool().query<{ id: string; kind: string; format: string; created_at: Date; profile: { name?: unknown; systemPromptSha256?: unknown } | null }>(
    `SELECT id, kind::text AS kind, format::text AS format, created_at, manifest->'guardProfile' AS profile
       FROM exports WHERE status = 'succeeded' ORDER BY created_at DESC LIMIT 10`,
  );
  return rows.map((row) => {
    const profile =
      row.profile && typeof row.profile.name === "string" && typeof row.profile.systemPromptSha256 === "string"
        ? { name: row.profile.name, systemPromptSha256: row.profile.systemPromptSha256 }
        : null;
    return {
      id: row.id,
      kind: row.kind,
      format: row.format,
      createdAt: row.created_at.toISOString(),
      profile,
      // Only a model that was queried with a prompt can disagree with an export's prompt.
      matchesCurrentModel: profile && currentPrompts.length > 0 ? currentPrompts.includes(profile.systemPromptSha256) : null,
    };
  });
}

async function queueState(): Promise<PrelabelPanel["queue"]> {
  const queue = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, deadLettered: 0 };
  const exists = await pool().query<{ present: boolean }>(`SELECT to_regclass('${PGBOSS_SCHEMA}.job') IS NOT NULL AS present`);
  if (!exists.rows[0]!.present) return queue;
  const states = await pool().query<{ dead: boolean; state: string; count: number }>(
    `SELECT name = $2 AS dead, state::text AS state, count(*)::int AS count FROM ${PGBOSS_SCHEMA}.job WHERE name LIKE $1 OR name = $2 GROUP BY 1, 2`,
    [PRELABEL_QUEUES_LIKE, PRELABEL_DEAD_LETTER],
  );
  for (const row of states.rows) {
    if (row.dead) queue.deadLettered += row.count;
    else if (row.state in queue) queue[row.state as keyof typeof queue] += row.count;
  }
  return queue;
}
