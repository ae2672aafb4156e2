import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { pool } from "../../db/pool";
import { currentModel } from "../../prelabel/guard-config";
import { recentFinishedExports } from "../exports/export-sql";
import { listPrelabelFailures, type PrelabelFailureView } from "./list-prelabel-failures";
import { prelabelJobStates } from "./prelabel-jobs-sql";
import { prelabelCoverage, profilesByPrompt, recentWorkerPrelabels, type CoverageRow } from "./prelabel-sql";

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

/**
 * Pre-label coverage per dataset and model version with the profile each version ran with, the exports
 * checked against the current model's profile, the job queue's state, recent failures and throughput.
 */
export async function getPrelabelPanel(actor: Actor | null): Promise<PrelabelPanel> {
  assertCan(actor, "stats:read");
  const coverage = await prelabelCoverage(pool());
  const current = await currentModel().catch(() => null);
  const models = await modelVersions(coverage, current);
  const currentPrompts = models.find((model) => model.current)?.profiles.map((profile) => profile.systemPromptSha256) ?? [];
  const throughput = await recentWorkerPrelabels(pool());
  return {
    coverage: coverage.map(({ dataset, samples, model, version, labelled }) => ({ dataset, samples, model, version, labelled })),
    models,
    current,
    exports: actor && can("export:read", actor.role) ? await recentExports(currentPrompts) : null,
    queue: await queueState(),
    failures: await listPrelabelFailures(actor, { limit: 20 }),
    throughput: { lastMinute: throughput.minute / 60, lastTenMinutes: throughput.ten / 600 },
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
  const named = new Map((await profilesByPrompt(pool(), hashes)).map((row) => [row.sha, row]));
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
  return (await recentFinishedExports(pool())).map((row) => {
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
  for (const row of await prelabelJobStates(pool())) {
    if (row.dead) queue.deadLettered += row.count;
    else if (row.state in queue) queue[row.state as keyof typeof queue] += row.count;
  }
  return queue;
}
