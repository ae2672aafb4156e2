import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { updateDatasetSettings } from "@/lib/services/datasets/update-dataset-settings";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";
import { getQueueProgress } from "@/lib/services/queue/get-queue-progress";
import { queueFiltersSchema } from "@/lib/services/queue/queue-schemas";
import { availableToExpert } from "@/lib/services/queue/queue-sql";
import { renewLease } from "@/lib/services/queue/renew-lease";
import { resolveFlags } from "@/lib/services/queue/resolve-flags";
import { flagSample, skipSample } from "@/lib/services/queue/set-sample-aside";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";
import { undoAdjudication } from "@/lib/services/queue/undo-adjudication";
import { writePrelabels } from "@/lib/prelabel/write-prelabels";
import { getSample } from "@/lib/services/samples/get-sample";
import { addUser } from "@/lib/services/users/add-user";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Enough connections that 32 claims really run at once.
process.env.DATABASE_POOL_SIZE = "40";

const JUDGES = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"];
const votes = (...judgments: number[]) => judgments.map((judgment, index) => ({ name: JUDGES[index]!, analysis: `${JUDGES[index]} says ${judgment}`, judgment }));

let database: TestDatabase;
let experts: Actor[];
let admin: Actor;

async function importDataset(name: string, lines: Record<string, unknown>[]) {
  const dir = await tempDir();
  const summary = await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, `${name}.jsonl`, lines), dataset: name });
  expect(summary.committed).toBe(true);
}

async function idOf(externalId: string): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = $1`, [externalId]);
  return rows[0]!.id;
}

const claim = (actor: Actor, filters: Record<string, unknown> = {}) => claimNextSample(actor, filters);
/** Waits until `count` other backends of this database wait on a lock. */
async function lockWaiters(count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await pool().query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} backends ever waited on a lock`);
}

const expire = (sampleId: number) => pool().query(`UPDATE leases SET expires_at = now() - interval '1 second' WHERE sample_id = $1`, [sampleId]);

beforeAll(async () => {
  database = await createTestDatabase();
  experts = [];
  for (let index = 0; index < 33; index += 1) {
    const user = await addUser(CLI_ACTOR, { email: `expert${index}@example.org`, role: "expert", password: "a long password" });
    experts.push({ userId: user.id, email: user.email, role: "expert", via: "session" });
  }
  const adminUser = await addUser(CLI_ACTOR, { email: "admin@example.org", role: "admin", password: "a long password" });
  admin = { userId: adminUser.id, email: adminUser.email, role: "admin", via: "session" };
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await pool().query(`TRUNCATE samples, datasets, import_runs, queue_skips, sample_flags, leases, adjudications, queue_items CASCADE`);
});

describe("claiming", () => {
  it("gives 32 concurrent experts 32 distinct samples, with every lease intact", async () => {
    await importDataset("race", Array.from({ length: 40 }, (_, index) => sampleLine(`r${String(index).padStart(2, "0")}`, { judges: votes(0, 0, 1) })));
    for (let round = 0; round < 3; round += 1) {
      const claims = await Promise.all(experts.slice(0, 32).map((expert) => claim(expert)));
      const ids = claims.map((claimed) => claimed!.sample.id);
      expect(new Set(ids).size).toBe(32);
      const { rows } = await pool().query<{ sample_id: number; expert_id: string }>(`SELECT sample_id, expert_id FROM leases`);
      expect(rows).toHaveLength(32);
      const holder = new Map(rows.map((row) => [row.sample_id, row.expert_id]));
      claims.forEach((claimed, index) => expect(holder.get(claimed!.sample.id)).toBe(experts[index]!.userId));
      await pool().query(`DELETE FROM leases`);
    }
  });

  it("serves no majority first, then splits the pre-label disputes, then splits, then audits, oldest first", async () => {
    await importDataset("order", [
      sampleLine("unanimous", { judges: votes(1, 1, 1) }),
      sampleLine("split-old", { judges: votes(0, 0, 1) }),
      sampleLine("split-disputed", { judges: votes(0, 0, 1), prelabel: { model: "guard", judgment: 1 } }),
      sampleLine("split-agreed", { judges: votes(0, 0, 1), prelabel: { model: "guard", judgment: 0 } }),
      sampleLine("none", { judges: votes(0, 0.5, 1) }),
    ]);
    await updateDatasetSettings(admin, "order", { auditShare: 1 });
    const order: string[] = [];
    for (const expert of experts.slice(0, 5)) order.push((await claim(expert))!.sample.externalId);
    expect(order).toEqual(["none", "split-disputed", "split-old", "split-agreed", "unanimous"]);
    expect(await claim(experts[5]!)).toBeNull();
  });

  it("audits a deterministic share of unanimous samples, set per dataset", async () => {
    await importDataset("audit", Array.from({ length: 400 }, (_, index) => sampleLine(`u${index}`, { judges: votes(0, 0, 0) })));
    const queued = async () => Number((await pool().query(`SELECT count(*) FROM queue_items`)).rows[0].count);
    const first = await queued();
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(40);
    await updateDatasetSettings(admin, "audit", { auditShare: 0 });
    expect(await queued()).toBe(0);
    await updateDatasetSettings(admin, "audit", { auditShare: 0.05 });
    expect(await queued()).toBe(first);
    await expect(updateDatasetSettings(experts[0]!, "audit", { auditShare: 1 })).rejects.toThrow(ForbiddenError);
    await expect(updateDatasetSettings(admin, "audit", { auditShare: 2 })).rejects.toThrow(ValidationError);
  });

  it("returns an expert's unfinished lease first, and hands an expired one to the next expert", async () => {
    await importDataset("leases", [sampleLine("a", { judges: votes(0, 0.5, 1) }), sampleLine("b", { judges: votes(0, 0, 1) })]);
    const [alice, bob] = experts;
    const first = await claim(alice!);
    expect((await claim(alice!))!.sample.id).toBe(first!.sample.id);
    expect((await claim(bob!))!.sample.externalId).toBe("b");
    await pool().query(`DELETE FROM leases WHERE expert_id = $1`, [bob!.userId]);
    await expire(first!.sample.id);
    const taken = await claim(bob!);
    expect(taken!.sample.id).toBe(first!.sample.id);
    await expect(submitAdjudication(alice!, first!.sample.id, { supports: "gpt-5" })).rejects.toThrow(ConflictError);
    await expect(renewLease(alice!, first!.sample.id)).rejects.toThrow(ConflictError);
  });

  it("renews a lease while the workspace is open", async () => {
    await importDataset("renew", [sampleLine("a", { judges: votes(0, 0, 1) })]);
    const claimed = await claim(experts[0]!);
    await pool().query(`UPDATE leases SET expires_at = now() + interval '5 seconds'`);
    const renewed = await renewLease(experts[0]!, claimed!.sample.id);
    expect(new Date(renewed.leaseExpiresAt).getTime() - Date.now()).toBeGreaterThan(590_000);
  });

  it("keeps flagged samples out of every queue until an admin resolves the flag, and skips out of the skipper's", async () => {
    await importDataset("flags", [sampleLine("a", { judges: votes(0, 0.5, 1) })]);
    const [alice, bob] = experts;
    const claimed = await claim(alice!);
    await skipSample(alice!, claimed!.sample.id, { reason: "not my field" });
    expect(await claim(alice!)).toBeNull();
    const again = await claim(bob!);
    expect(again!.sample.id).toBe(claimed!.sample.id);
    await expect(flagSample(bob!, again!.sample.id, { note: "  " })).rejects.toThrow(ValidationError);
    await flagSample(bob!, again!.sample.id, { note: "rubric unclear for satire" });
    expect(await claim(experts[2]!)).toBeNull();
    await expect(resolveFlags(bob!, again!.sample.id, { note: "settled" })).rejects.toThrow(ForbiddenError);
    await resolveFlags(admin, again!.sample.id, { note: "settled" });
    expect((await claim(experts[2]!))!.sample.id).toBe(claimed!.sample.id);
    const detail = await getSample(admin, claimed!.sample.id);
    expect(detail.skips).toEqual([expect.objectContaining({ expert: alice!.email, reason: "not my field" })]);
    expect(detail.flags).toEqual([expect.objectContaining({ expert: bob!.email, note: "rubric unclear for satire", resolvedAt: expect.any(String) })]);
  });

  it("filters the queue by dataset, category and image condition", async () => {
    await importDataset("f1", [sampleLine("f1-crime", { judges: votes(0, 0.5, 1) }), sampleLine("f1-health", { category: "health", judges: votes(0, 0.5, 1) })]);
    await importDataset("f2", [sampleLine("f2-health", { category: "health", judges: votes(0, 0.5, 1) })]);
    expect((await claim(experts[0]!, { dataset: "f2" }))!.sample.externalId).toBe("f2-health");
    expect((await claim(experts[1]!, { dataset: "f1", category: "health" }))!.sample.externalId).toBe("f1-health");
    expect(await claim(experts[2]!, { dataset: "f1", imageCondition: "jailbreak" })).toBeNull();
    await expect(claim(experts[2]!, { category: "weapons" })).rejects.toThrow(ValidationError);
    expect(await getQueueProgress(experts[2]!, {})).toEqual({ decidedToday: 0, remaining: 1 });
  });
});

describe("queue progress", () => {
  it("counts exactly what each expert could still claim, in a queue with every kind of hold", async () => {
    await importDataset("p1", Array.from({ length: 24 }, (_, index) => sampleLine(`p1-${index}`, { category: index % 2 ? "health" : "crime", judges: votes(0, 0.5, index % 3 ? 1 : 0) })));
    await importDataset("p2", Array.from({ length: 8 }, (_, index) => sampleLine(`p2-${index}`, { judges: votes(0, 0, 1) })));
    await updateDatasetSettings(admin, "p1", { secondOpinionShare: 1 });
    const [alice, bob, carol] = experts;
    // Decisions that queue blind second opinions (held from their first expert), a skip, an open and a
    // resolved flag, a live lease and an expired one.
    for (const expert of [alice!, alice!, bob!]) {
      const claimed = await claim(expert, { dataset: "p1" });
      await submitAdjudication(expert, claimed!.sample.id, { supports: "gpt-5" });
    }
    const flagged = await claim(carol!, { dataset: "p1" });
    await flagSample(carol!, flagged!.sample.id, { note: "unclear" });
    const skipped = await claim(bob!, { dataset: "p1" });
    await skipSample(bob!, skipped!.sample.id, { reason: "not my field" });
    const resolved = await claim(carol!, { dataset: "p2" });
    await flagSample(carol!, resolved!.sample.id, { note: "fine after all" });
    await resolveFlags(admin, resolved!.sample.id, { note: "settled" });
    await claim(alice!, { dataset: "p2" });
    const expired = await claim(bob!, { dataset: "p2" });
    await expire(expired!.sample.id);

    const direct = async (actor: Actor, filters: Record<string, string>) => {
      const { from, where, params } = availableToExpert(actor.userId!, queueFiltersSchema.parse(filters));
      const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params);
      return rows[0]!.n;
    };
    for (const actor of [alice!, bob!, carol!, experts[3]!]) {
      const scopes: Record<string, string>[] = [{}, { dataset: "p1" }, { dataset: "p2" }, { dataset: "p1", category: "health" }, { category: "crime" }];
      for (const filters of scopes) {
        const expected = await direct(actor, filters);
        expect({ who: actor.email, filters, remaining: (await getQueueProgress(actor, filters)).remaining }).toEqual({ who: actor.email, filters, remaining: expected });
      }
    }
    expect((await getQueueProgress(experts[3]!, {})).remaining).toBeGreaterThan(0);
  });
});

describe("deciding", () => {
  it("records a decision, releases the lease and takes the sample out of the queue", async () => {
    await importDataset("decide", [sampleLine("a", { judges: votes(0, 0, 1) })]);
    await updateDatasetSettings(admin, "decide", { secondOpinionShare: 0 });
    const claimed = await claim(experts[0]!);
    const decision = await submitAdjudication(experts[0]!, claimed!.sample.id, { supports: "qwen3-vl-235b" });
    expect(decision).toMatchObject({ round: "first", kind: "supports_judge", judgment: 1, secondOpinionQueued: false });
    expect(await claim(experts[1]!)).toBeNull();
    const { rows } = await pool().query(`SELECT count(*)::int AS leases FROM leases`);
    expect(rows[0].leases).toBe(0);
    const detail = await getSample(admin, claimed!.sample.id);
    expect(detail.adjudications).toEqual([expect.objectContaining({ expert: experts[0]!.email, kind: "supports_judge", supports: "qwen3-vl-235b", judgment: 1 })]);
    const audit = await pool().query(`SELECT action FROM audit_events WHERE entity_type = 'sample' AND entity_id = $1`, [String(claimed!.sample.id)]);
    expect(audit.rows.map((row) => row.action)).toEqual(["adjudication.decision"]);
    expect(await getQueueProgress(experts[0]!, {})).toEqual({ decidedToday: 1, remaining: 0 });
  });

  it("keeps a decided sample out of the queue when a pre-label batch syncs it while the decision commits", async () => {
    await importDataset("sync-race", [sampleLine("a", { judges: votes(0, 0, 1) })]);
    await updateDatasetSettings(admin, "sync-race", { secondOpinionShare: 0 });
    const sampleId = (await claim(experts[0]!))!.sample.id;
    const blocker = await pool().connect();
    const writer = await pool().connect();
    try {
      // Holding the audit table stops the decision after its queue delete and before its commit.
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE audit_events IN SHARE MODE");
      const decision = submitAdjudication(experts[0]!, sampleId, { supports: "qwen3-vl-235b" });
      await lockWaiters(1);
      const prediction = { judgment: 1 as const, probabilities: null, analysis: "harmful" };
      const prelabel = writePrelabels(writer, { name: "guard", version: "1", promptSha256: null }, [{ sampleId, prediction }]);
      await lockWaiters(2);
      await blocker.query("COMMIT");
      await decision;
      expect(await prelabel).toBe(1);
    } finally {
      blocker.release();
      writer.release();
    }
    const { rows } = await pool().query(`SELECT round FROM queue_items WHERE sample_id = $1`, [sampleId]);
    expect(rows).toEqual([]);
    expect(await claim(experts[1]!)).toBeNull();
  });

  it("answers 409 on every path where the caller does not hold a live lease", async () => {
    await importDataset("conflicts", [sampleLine("a", { judges: votes(0, 0.5, 1) }), sampleLine("b", { judges: votes(0, 0, 1) })]);
    const [alice, bob] = experts;
    const a = await idOf("a");
    await expect(submitAdjudication(alice!, a, { supports: "gpt-5" })).rejects.toThrow(/claim it through the queue/);
    await expect(skipSample(alice!, a, { reason: "x" })).rejects.toThrow(ConflictError);
    await expect(flagSample(alice!, a, { note: "x" })).rejects.toThrow(ConflictError);
    await expect(renewLease(alice!, a)).rejects.toThrow(ConflictError);
    await claim(alice!);
    await expect(submitAdjudication(bob!, a, { supports: "gpt-5" })).rejects.toThrow(ConflictError);
    await expire(a);
    await expect(submitAdjudication(alice!, a, { supports: "gpt-5" })).rejects.toThrow(/expired/);
    await renewLease(alice!, a);
    await submitAdjudication(alice!, a, { judgment: 0.5, analysis: "leans, no steps" });
    await expect(submitAdjudication(alice!, a, { supports: "gpt-5" })).rejects.toThrow(ConflictError);
    await expect(undoAdjudication(bob!, a)).rejects.toThrow(/no decision/);
    await expect(submitAdjudication(alice!, 999_999, { supports: "gpt-5" })).rejects.toThrow(NotFoundError);
  });

  it("answers 422 with the field for a bad body, before and after the lease check", async () => {
    await importDataset("invalid", [sampleLine("a", { thinking: "0123456789", judges: votes(0, 0.5, 1) })]);
    const claimed = await claim(experts[0]!);
    const id = claimed!.sample.id;
    const fields = async (body: unknown) => {
      try {
        await submitAdjudication(experts[0]!, id, body);
      } catch (error) {
        if (error instanceof ValidationError) return Object.keys(error.fields);
        throw error;
      }
      throw new Error("accepted");
    };
    expect(await fields({})).toEqual(["judgment", "analysis"]);
    expect(await fields({ supports: "gpt-5", judgment: 1 })).toEqual(["judgment"]);
    expect(await fields({ judgment: 0.7, analysis: "x" })).toEqual(["judgment"]);
    expect(await fields({ judgment: 1, analysis: "x", span: [5, 2] })).toEqual(["span"]);
    expect(await fields({ judgment: 1, analysis: "x", span: [0, 11] })).toEqual(["span"]);
    expect(await fields({ supports: "claude" })).toEqual(["supports"]);
    expect(await fields({ supports: "gpt-5", extra: true })).toEqual(["_"]);
    expect(await fields("not an object")).toEqual(["_"]);
    const ok = await submitAdjudication(experts[0]!, id, { judgment: 1, analysis: "harm emerges in the digits", span: [3, 10] });
    expect(ok).toMatchObject({ kind: "correction", judgment: 1 });
    expect((await getSample(admin, id)).adjudications[0]).toMatchObject({ kind: "correction", span: [3, 10], analysis: "harm emerges in the digits" });
  });

  it("undoes the last decision while its lease would hold: the sample comes back to the same expert", async () => {
    await importDataset("undo", [sampleLine("a", { judges: votes(0, 0, 1) }), sampleLine("b", { judges: votes(0, 0, 1) })]);
    await updateDatasetSettings(admin, "undo", { secondOpinionShare: 1 });
    const [alice, bob] = experts;
    const claimed = await claim(alice!);
    const id = claimed!.sample.id;
    const decision = await submitAdjudication(alice!, id, { supports: "gpt-5" });
    expect(decision.secondOpinionQueued).toBe(true);
    const undone = await undoAdjudication(alice!, id);
    expect(undone.round).toBe("first");
    expect((await getSample(admin, id)).adjudications).toEqual([]);
    const { rows: queue } = await pool().query(`SELECT round::text FROM queue_items WHERE sample_id = $1`, [id]);
    expect(queue).toEqual([{ round: "first" }]);
    expect((await claim(alice!))!.sample.id).toBe(id);
    expect((await claim(bob!))!.sample.id).not.toBe(id);
    await submitAdjudication(alice!, id, { supports: "qwen3-vl-235b" });
    await pool().query(`UPDATE adjudications SET undo_until = now() - interval '1 second' WHERE sample_id = $1`, [id]);
    await expect(undoAdjudication(alice!, id)).rejects.toThrow(/undo window closed/);
    const actions = await pool().query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [String(id)]);
    expect(actions.rows.map((row) => row.action)).toEqual(["adjudication.decision", "adjudication.undo", "adjudication.decision"]);
  });

  it("sends a share of decisions to a second, different expert who does not see the first", async () => {
    await importDataset("second", [sampleLine("a", { judges: votes(0, 0, 1) })]);
    await updateDatasetSettings(admin, "second", { secondOpinionShare: 1 });
    const [alice, bob] = experts;
    const first = await claim(alice!);
    await submitAdjudication(alice!, first!.sample.id, { supports: "gpt-5" });
    expect(await claim(alice!)).toBeNull();
    const second = await claim(bob!);
    expect(second).toMatchObject({ round: "second", sample: { id: first!.sample.id, adjudications: [], adjudicationsHidden: true } });
    expect((await getSample(bob!, first!.sample.id)).adjudications).toEqual([]);
    await expect(undoAdjudication(alice!, first!.sample.id)).rejects.toThrow(/Another expert holds/);
    const decision = await submitAdjudication(bob!, first!.sample.id, { supports: "qwen3-vl-235b" });
    expect(decision).toMatchObject({ round: "second", secondOpinionQueued: false });
    expect((await getSample(bob!, first!.sample.id)).adjudications.map((a) => [a.round, a.expert])).toEqual([
      ["first", alice!.email],
      ["second", bob!.email],
    ]);
    expect(await claim(experts[2]!)).toBeNull();
  });
});
