import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ConflictError, ExpertHeldError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { executeExport } from "@/lib/export/export-job";
import { exportOptionsSchema } from "@/lib/export/export-options";
import { updateDatasetSettings } from "@/lib/services/datasets/update-dataset-settings";
import { recordRunningExport } from "@/lib/services/exports/create-export";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample, type Claim } from "@/lib/services/queue/claim-next-sample";
import { renewLease } from "@/lib/services/queue/renew-lease";
import { flagSample, skipSample } from "@/lib/services/queue/set-sample-aside";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";
import { undoAdjudication } from "@/lib/services/queue/undo-adjudication";
import { changeStanding } from "@/lib/services/quality/change-standing";
import { assignSamples } from "@/lib/services/quality/assign-samples";
import { promoteToGold } from "@/lib/services/quality/promote-to-gold";
import { setDatasetAccess } from "@/lib/services/quality/set-dataset-access";
import { getDatasetStats } from "@/lib/services/stats/get-dataset-stats";
import { getSample } from "@/lib/services/samples/get-sample";
import { listSamples } from "@/lib/services/samples/list-samples";
import { addUser } from "@/lib/services/users/add-user";
import { updateUserByEmail } from "@/lib/services/users/update-user";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { readZip } from "../support/read-zip";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

process.env.DATABASE_POOL_SIZE = "24";

const JUDGES = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"];
const votes = (...judgments: number[]) => judgments.map((judgment, index) => ({ name: JUDGES[index]!, analysis: `${JUDGES[index]} says ${judgment}`, judgment }));
/** A gold line: judges like any other, and a reference label with its explanation. */
const goldLine = (id: string, judgment: number, overrides: Record<string, unknown> = {}) =>
  sampleLine(id, { judges: votes(0, 0, 1), reference: { judgment, source: "expert-panel", explanation: `Step two of ${id} is where it turns.` }, ...overrides });
const realLine = (id: string, overrides: Record<string, unknown> = {}) => sampleLine(id, { judges: votes(0, 0, 1), ...overrides });

let database: TestDatabase;
let experts: Actor[];
let admin: Actor;

async function importDataset(name: string, lines: Record<string, unknown>[]) {
  const summary = await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(await tempDir(), `${name}.jsonl`, lines), dataset: name });
  expect(summary.committed).toBe(true);
}

const claim = async (actor: Actor, filters: Record<string, unknown> = {}): Promise<Claim> => {
  const claimed = await claimNextSample(actor, filters);
  expect(claimed).not.toBeNull();
  return claimed!;
};
const isGold = async (sampleId: number) => (await pool().query(`SELECT 1 FROM gold_items WHERE sample_id = $1`, [sampleId])).rowCount === 1;
const correction = (judgment: number, analysis = "The expert's reading.") => ({ judgment, analysis });

async function auditActions(): Promise<string[]> {
  const { rows } = await pool().query<{ action: string }>(`SELECT action FROM audit_events ORDER BY id`);
  return rows.map((row) => row.action);
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_DATA_DIR = await tempDir("gts-data-");
  experts = [];
  for (let index = 0; index < 16; index += 1) {
    const user = await addUser(CLI_ACTOR, { email: `qc${index}@example.org`, role: "expert", password: "a long password" });
    experts.push({ userId: user.id, email: user.email, role: "expert", via: "session" });
  }
  const adminUser = await addUser(CLI_ACTOR, { email: "qc-admin@example.org", role: "admin", password: "a long password" });
  admin = { userId: adminUser.id, email: adminUser.email, role: "admin", via: "session" };
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await pool().query(`TRUNCATE samples, datasets, import_runs, queue_skips, sample_flags, leases, adjudications, queue_items, gold_items, gold_answers, expert_standings, dataset_access CASCADE`);
  await pool().query(`UPDATE users SET groups = '{}'`);
});

describe("gold samples", () => {
  it("come from lines with judges and a reference, stay out of the real queue, and stop being gold when a re-import drops the reference", async () => {
    await importDataset("g", [goldLine("g1", 1), sampleLine("ref-only", { judges: [], reference: { judgment: 0, source: "panel" } }), realLine("r1")]);
    const { rows } = await pool().query<{ external_id: string; judgment: string; explanation: string; origin: string }>(
      `SELECT s.external_id, g.judgment::text AS judgment, g.explanation, g.origin::text AS origin FROM gold_items g JOIN samples s ON s.id = g.sample_id`,
    );
    expect(rows).toEqual([{ external_id: "g1", judgment: "1", explanation: "Step two of g1 is where it turns.", origin: "reference" }]);
    const queued = await pool().query<{ external_id: string }>(`SELECT s.external_id FROM queue_items q JOIN samples s ON s.id = q.sample_id ORDER BY 1`);
    expect(queued.rows.map((row) => row.external_id)).toEqual(["r1"]);

    await importDataset("g", [realLine("g1")]);
    expect((await pool().query(`SELECT 1 FROM gold_items`)).rowCount).toBe(0);
    const requeued = await pool().query<{ external_id: string }>(`SELECT s.external_id FROM queue_items q JOIN samples s ON s.id = q.sample_id ORDER BY 1`);
    expect(requeued.rows.map((row) => row.external_id)).toEqual(["g1", "r1"]);
  });

  it("tell an expert nothing on the sample page and in the list, and tell an admin everything", async () => {
    await importDataset("page", [goldLine("g1", 1), realLine("r1")]);
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'g1'`);
    const id = rows[0]!.id;
    const [expert] = experts;
    expect(await getSample(expert!, id)).toMatchObject({ gold: null, reference: null });
    expect(await getSample(admin, id)).toMatchObject({ gold: { judgment: 1, origin: "reference" }, reference: { judgment: 1, source: "expert-panel" } });
    const listed = async (actor: Actor) => (await listSamples(actor, { dataset: "page" })).items.find((item) => item.externalId === "g1")!;
    expect(await listed(expert!)).toMatchObject({ gold: false, reference: null });
    expect(await listed(admin)).toMatchObject({ gold: true, reference: { judgment: 1 } });
  });

  it("are mixed in at the gold rate, look like any sample, and are never served to the same expert twice", async () => {
    await importDataset("mix", [goldLine("g1", 1), goldLine("g2", 0), goldLine("g3", 0.5), ...Array.from({ length: 6 }, (_, index) => realLine(`r${index}`))]);
    const [expert] = experts;
    // At a rate of 0 no gold appears.
    const first = await claim(expert!, { dataset: "mix" });
    expect(await isGold(first.sample.id)).toBe(false);
    await skipSample(expert!, first.sample.id, { reason: "warm-up" });

    await updateDatasetSettings(admin, "mix", { goldRate: 1 });
    const served: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const next = await claim(expert!, { dataset: "mix" });
      expect(await isGold(next.sample.id)).toBe(true);
      // Judges, a round and a lease like any claim, and no reference label to give the answer away.
      expect(next.sample.judges).toHaveLength(3);
      expect(next.round).toBe("first");
      expect(next.sample.reference).toBeNull();
      // A second claim hands back the same open gold sample, renewed, as it does a lease.
      expect((await claim(expert!, { dataset: "mix" })).sample.id).toBe(next.sample.id);
      await expect(renewLease(expert!, next.sample.id)).resolves.toMatchObject({ leaseExpiresAt: expect.any(String) });
      served.push(next.sample.id);
      await submitAdjudication(expert!, next.sample.id, { supports: "gpt-5" });
    }
    expect(new Set(served).size).toBe(3);
    // Every gold sample answered: the real queue again, gold rate or not.
    const after = await claim(expert!, { dataset: "mix" });
    expect(await isGold(after.sample.id)).toBe(false);
    // Gold is not leased: other experts hold the same gold samples at once.
    for (const other of experts.slice(1, 9)) expect(await isGold((await claim(other, { dataset: "mix" })).sample.id)).toBe(true);
    const open = await pool().query<{ holders: number }>(`SELECT count(*)::int AS holders FROM gold_answers WHERE answered_at IS NULL GROUP BY sample_id ORDER BY 1 DESC LIMIT 1`);
    expect(open.rows[0]!.holders).toBeGreaterThan(1);
  });

  it("serves one expert's concurrent claims distinct gold samples, each once", async () => {
    await importDataset("twice", [...Array.from({ length: 4 }, (_, index) => goldLine(`g${index}`, 1)), ...Array.from({ length: 20 }, (_, index) => realLine(`r${index}`))]);
    await updateDatasetSettings(admin, "twice", { goldRate: 1 });
    const [expert] = experts;
    for (let round = 0; round < 6; round += 1) {
      const claims = await Promise.all(Array.from({ length: 4 }, () => claimNextSample(expert!, { dataset: "twice" })));
      for (const claimed of claims) if (claimed) await pool().query(`UPDATE gold_answers SET answered_at = now(), set_aside = 'skip' WHERE sample_id = $1 AND answered_at IS NULL`, [claimed.sample.id]);
      await pool().query(`DELETE FROM leases`);
    }
    const { rows } = await pool().query<{ sample_id: number; serves: number }>(`SELECT sample_id, count(*)::int AS serves FROM gold_answers GROUP BY 1`);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.serves).toBe(1);
  });

  it("keeps gold answers out of the exports and out of the real statistics", async () => {
    await importDataset("ex", [goldLine("g1", 1), realLine("r1")]);
    const exportAll = async () => {
      const record = await recordRunningExport(CLI_ACTOR, exportOptionsSchema.parse({ kind: "all", format: "trl", dataset: "ex", includeExpertConfirmed: true }));
      const file = path.join(await tempDir(), "bundle.zip");
      await executeExport(record.id, file);
      return [...(await readZip(file)).entries()].filter(([name]) => name.endsWith(".jsonl")).map(([name, body]) => `${name}\n${body.toString()}`).join("\n");
    };
    const statsBefore = await getDatasetStats(CLI_ACTOR, { dataset: "ex" });
    const bundleBefore = await exportAll();

    await updateDatasetSettings(admin, "ex", { goldRate: 1 });
    const [expert] = experts;
    const gold = await claim(expert!, { dataset: "ex" });
    expect(await isGold(gold.sample.id)).toBe(true);
    await submitAdjudication(expert!, gold.sample.id, correction(0.5, "GOLD-ANSWER-MARKER: the expert's reading of a gold sample."));

    const bundleAfter = await exportAll();
    expect(bundleAfter).not.toContain("GOLD-ANSWER-MARKER");
    expect(bundleAfter).toBe(bundleBefore);
    const statsAfter = await getDatasetStats(CLI_ACTOR, { dataset: "ex" });
    const { gold: goldBefore, ...expertsBefore } = statsBefore.experts;
    const { gold: goldAfter, ...expertsAfter } = statsAfter.experts;
    expect(expertsAfter).toEqual(expertsBefore);
    expect(statsAfter.judges).toEqual(statsBefore.judges);
    expect(goldBefore).toEqual([]);
    expect(goldAfter).toEqual([{ expert: expert!.email, n: 1, correct: 0, accuracy: 0, ci_low: 0, ci_high: expect.closeTo(0.7935, 4), paused: false }]);
    expect((await pool().query(`SELECT 1 FROM adjudications`)).rowCount).toBe(0);
  });

  it("takes a gold answer back within its hold, and sets a gold sample aside unscored", async () => {
    await importDataset("undo", [goldLine("g1", 1), goldLine("g2", 1), realLine("r1")]);
    await updateDatasetSettings(admin, "undo", { goldRate: 1 });
    const [expert] = experts;
    const gold = await claim(expert!, { dataset: "undo" });
    await submitAdjudication(expert!, gold.sample.id, correction(0));
    await undoAdjudication(expert!, gold.sample.id);
    expect((await claim(expert!, { dataset: "undo" })).sample.id).toBe(gold.sample.id);
    await submitAdjudication(expert!, gold.sample.id, correction(1));
    const other = await claim(expert!, { dataset: "undo" });
    await flagSample(expert!, other.sample.id, { note: "Is this reference right?" });
    const { rows } = await pool().query<{ correct: boolean | null; set_aside: string | null }>(`SELECT correct, set_aside FROM gold_answers ORDER BY served_at`);
    expect(rows).toEqual([{ correct: true, set_aside: null }, { correct: null, set_aside: "flag" }]);
    // The flag opens the discussion on the gold sample like on any other.
    expect((await pool().query(`SELECT 1 FROM sample_flags WHERE sample_id = $1 AND resolved_at IS NULL`, [other.sample.id])).rowCount).toBe(1);
  });

  it("lets an admin promote an adjudicated sample, which leaves the real queue", async () => {
    await importDataset("promote", [realLine("r1"), realLine("r2"), realLine("r3")]);
    const [first, second] = experts;
    const decided = await claim(first!, { dataset: "promote" });
    await submitAdjudication(first!, decided.sample.id, correction(1));
    const undecided = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'r3'`);
    await expect(promoteToGold(admin, { sampleId: undecided.rows[0]!.id }, { judgment: 1 })).rejects.toThrow(ValidationError);
    await expect(promoteToGold(first!, { sampleId: decided.sample.id }, { judgment: 1 })).rejects.toThrow(ForbiddenError);
    await promoteToGold(CLI_ACTOR, { dataset: "promote", externalId: decided.sample.externalId }, { judgment: 1, explanation: "The panel agrees." });
    expect(await isGold(decided.sample.id)).toBe(true);
    expect((await pool().query(`SELECT 1 FROM queue_items WHERE sample_id = $1`, [decided.sample.id])).rowCount).toBe(0);
    expect(await auditActions()).toContain("gold.add");
    // Its own adjudicator is never served it as gold; another expert is.
    await updateDatasetSettings(admin, "promote", { goldRate: 1 });
    expect(await isGold((await claim(first!, { dataset: "promote" })).sample.id)).toBe(false);
    expect((await claim(second!, { dataset: "promote" })).sample.id).toBe(decided.sample.id);
  });
});

describe("the pause", () => {
  it("pauses an expert whose upper bound falls below the floor, refuses their claims with expert_paused, and lifts on an admin's word", async () => {
    await importDataset("pause", [goldLine("g1", 1), goldLine("g2", 1), goldLine("g3", 1), ...Array.from({ length: 5 }, (_, index) => realLine(`r${index}`))]);
    await updateDatasetSettings(admin, "pause", { goldRate: 1, goldFloor: 0.8 });
    const [expert, colleague] = experts;
    // One wrong answer: upper bound 0.79 < 0.8.
    const gold = await claim(expert!, { dataset: "pause" });
    await submitAdjudication(expert!, gold.sample.id, correction(0));
    const refusal = await claimNextSample(expert!, { dataset: "pause" }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ExpertHeldError);
    expect(refusal).toMatchObject({ status: 403, code: "expert_paused" });
    // Without a dataset filter the paused dataset still holds the work, so the claim says why it is empty.
    await expect(claimNextSample(expert!, {})).rejects.toMatchObject({ code: "expert_paused" });
    // Nobody else is affected.
    expect(await claim(colleague!, { dataset: "pause" })).toBeTruthy();
    const stats = await getDatasetStats(CLI_ACTOR, { dataset: "pause" });
    expect(stats.experts.gold.find((row) => row.expert === expert!.email)).toMatchObject({ n: 1, correct: 0, paused: true });

    await expect(changeStanding(expert!, { dataset: "pause", expert: expert!.email }, { action: "lift_pause" })).rejects.toThrow(ForbiddenError);
    await changeStanding(admin, { dataset: "pause", expert: expert!.email }, { action: "lift_pause" });
    await expect(changeStanding(admin, { dataset: "pause", expert: expert!.email }, { action: "lift_pause" })).rejects.toThrow(ConflictError);
    // After the lift the rule counts afresh: a right answer keeps them working though the old wrong one stands.
    const next = await claim(expert!, { dataset: "pause" });
    await submitAdjudication(expert!, next.sample.id, { supports: "qwen3-vl-235b" });
    expect(await claim(expert!, { dataset: "pause" })).toBeTruthy();
    expect(await auditActions()).toEqual(expect.arrayContaining(["gold.answer", "expert.pause", "expert.pause.lift"]));
    const after = await getDatasetStats(CLI_ACTOR, { dataset: "pause" });
    expect(after.experts.gold.find((row) => row.expert === expert!.email)).toMatchObject({ n: 2, correct: 1, accuracy: 0.5, paused: false });
  });
});

describe("calibration", () => {
  const answerRound = async (expert: Actor, dataset: string, judgments: number[]) => {
    const feedback = [];
    for (const judgment of judgments) {
      const gold = await claim(expert, { dataset });
      expect(await isGold(gold.sample.id)).toBe(true);
      feedback.push((await submitAdjudication(expert, gold.sample.id, correction(judgment))).calibration!);
    }
    return feedback;
  };

  it("serves only gold with the reference after each answer, then opens the real queue to an expert who passes", async () => {
    await importDataset("cal", [...Array.from({ length: 5 }, (_, index) => goldLine(`g${index}`, 1)), realLine("r1"), realLine("r2")]);
    await updateDatasetSettings(admin, "cal", { calibrationItems: 3, goldFloor: 0.6 });
    const [expert] = experts;
    const feedback = await answerRound(expert!, "cal", [1, 0, 1]);
    expect(feedback.map((entry) => [entry.correct, entry.answered, entry.outcome])).toEqual([[true, 1, "open"], [false, 2, "open"], [true, 3, "passed"]]);
    expect(feedback[0]).toMatchObject({ reference: { judgment: 1, explanation: expect.stringMatching(/^Step two of g\d is where it turns\.$/) }, required: 3, floor: 0.6 });
    // Passed: real samples now, and calibration answers are final.
    const real = await claim(expert!, { dataset: "cal" });
    expect(await isGold(real.sample.id)).toBe(false);
    const { rows } = await pool().query<{ sample_id: number }>(`SELECT sample_id FROM gold_answers WHERE expert_id = $1 LIMIT 1`, [expert!.userId]);
    await expect(undoAdjudication(expert!, rows[0]!.sample_id)).rejects.toThrow(ConflictError);
    expect(await auditActions()).toContain("expert.calibration.pass");
  });

  it("closes the queue to an expert who fails until an admin resets the round, which uses gold they have not seen", async () => {
    await importDataset("fail", [...Array.from({ length: 4 }, (_, index) => goldLine(`g${index}`, 1)), realLine("r1")]);
    await updateDatasetSettings(admin, "fail", { calibrationItems: 2, goldFloor: 1 });
    const [expert] = experts;
    const feedback = await answerRound(expert!, "fail", [1, 0]);
    expect(feedback.at(-1)).toMatchObject({ outcome: "failed", answered: 2, correctSoFar: 1 });
    await expect(claimNextSample(expert!, { dataset: "fail" })).rejects.toMatchObject({ status: 403, code: "calibration_failed" });

    await expect(changeStanding(admin, { dataset: "fail", expert: expert!.email }, { action: "lift_pause" })).rejects.toThrow(ConflictError);
    await expect(changeStanding(admin, { dataset: "fail", expert: expert!.email }, { action: "reset_calibration" })).resolves.toMatchObject({ calibrationRound: 2 });
    const second = await answerRound(expert!, "fail", [1, 1]);
    expect(second.map((entry) => entry.outcome)).toEqual(["open", "passed"]);
    const { rows } = await pool().query<{ serves: number; distinct: number }>(`SELECT count(*)::int AS serves, count(DISTINCT sample_id)::int AS distinct FROM gold_answers`);
    expect(rows[0]).toEqual({ serves: 4, distinct: 4 });
    expect(await isGold((await claim(expert!, { dataset: "fail" })).sample.id)).toBe(false);
  });

  it("says so when a dataset asks for calibration but has no gold left for the expert", async () => {
    await importDataset("short", [goldLine("g1", 1), realLine("r1")]);
    await updateDatasetSettings(admin, "short", { calibrationItems: 2 });
    const [expert] = experts;
    await answerRound(expert!, "short", [1]);
    await expect(claimNextSample(expert!, { dataset: "short" })).rejects.toMatchObject({ status: 409, code: "calibration_unavailable" });
  });
});

describe("assignment", () => {
  it("serves an expert's assigned samples first and hides them from the others until they expire, under 16 concurrent claims", async () => {
    await importDataset("assign", Array.from({ length: 48 }, (_, index) => realLine(`a${String(index).padStart(2, "0")}`)));
    const [owner, ...others] = experts;
    const ids = (await pool().query<{ id: number }>(`SELECT id FROM samples ORDER BY id DESC LIMIT 4`)).rows.map((row) => row.id);
    // The newest four: the queue's order would serve them last.
    await expect(assignSamples(owner!, { expert: owner!.email, sampleIds: ids })).rejects.toThrow(ForbiddenError);
    expect(await assignSamples(admin, { expert: owner!.email, sampleIds: ids, days: 3 })).toMatchObject({ assigned: 4, matched: 4, days: 3 });

    const claims = await Promise.all([owner!, ...others.slice(0, 15)].map((expert) => claimNextSample(expert, { dataset: "assign" })));
    const held = claims.map((claimed) => claimed!.sample.id);
    expect(new Set(held).size).toBe(16);
    expect(ids).toContain(held[0]);
    for (const other of held.slice(1)) expect(ids).not.toContain(other);
    const leases = await pool().query<{ sample_id: number; expert_id: string }>(`SELECT sample_id, expert_id FROM leases`);
    expect(leases.rows).toHaveLength(16);
    // The owner works through their four before anything else.
    for (let index = 0; index < 4; index += 1) {
      const claimed = await claim(owner!, { dataset: "assign" });
      expect(ids).toContain(claimed.sample.id);
      await submitAdjudication(owner!, claimed.sample.id, { supports: "gpt-5" });
    }
    expect(ids).not.toContain((await claim(owner!, { dataset: "assign" })).sample.id);

    // An assignment that ran out frees its sample for everyone.
    await pool().query(`DELETE FROM leases`);
    const spare = (await pool().query<{ id: number }>(`SELECT s.id FROM samples s JOIN queue_items q ON q.sample_id = s.id ORDER BY s.id LIMIT 1`)).rows[0]!.id;
    await assignSamples(admin, { expert: owner!.email, sampleIds: [spare] });
    expect((await claim(others[0]!, { dataset: "assign" })).sample.id).not.toBe(spare);
    await pool().query(`DELETE FROM leases`);
    await pool().query(`UPDATE queue_items SET assigned_until = now() - interval '1 second' WHERE assigned_to_id IS NOT NULL`);
    expect((await claim(others[0]!, { dataset: "assign" })).sample.id).toBe(spare);
    expect(await auditActions()).toContain("queue.assign");
  });

  it("assigns every waiting sample a filter matches, and leaves decided ones out", async () => {
    await importDataset("filtered", [realLine("f1", { category: "health" }), realLine("f2", { category: "health" }), realLine("f3")]);
    const [expert, other] = experts;
    const decided = await claim(other!, { dataset: "filtered", category: "health" });
    await submitAdjudication(other!, decided.sample.id, { supports: "gpt-5" });
    expect(await assignSamples(admin, { expert: expert!.email, filters: { dataset: "filtered", category: "health" } })).toMatchObject({ assigned: 1, matched: 1 });
    await expect(assignSamples(admin, { expert: "nobody@example.org", filters: { dataset: "filtered" } })).rejects.toThrow(NotFoundError);
    await expect(assignSamples(admin, { expert: expert!.email })).rejects.toThrow(ValidationError);
  });

  it("restricts a dataset's queue to named experts and groups", async () => {
    await importDataset("senior-only", [realLine("s1"), realLine("s2"), realLine("s3")]);
    const [named, member, outsider] = experts;
    await updateUserByEmail(admin, member!.email, { groups: ["senior"] });
    await setDatasetAccess(admin, "senior-only", { experts: [named!.email], groups: ["senior"] });
    await expect(claimNextSample(outsider!, { dataset: "senior-only" })).rejects.toMatchObject({ status: 403, code: "dataset_restricted" });
    // Without a filter the restricted work is simply not theirs.
    expect(await claimNextSample(outsider!, {})).toBeNull();
    expect(await claimNextSample(named!, { dataset: "senior-only" })).not.toBeNull();
    expect(await claimNextSample(member!, { dataset: "senior-only" })).not.toBeNull();
    await expect(setDatasetAccess(admin, "senior-only", { experts: ["nobody@example.org"] })).rejects.toThrow(ValidationError);
    await setDatasetAccess(admin, "senior-only", {});
    expect(await claimNextSample(outsider!, { dataset: "senior-only" })).not.toBeNull();
    expect(await auditActions()).toEqual(expect.arrayContaining(["user.groups", "dataset.access"]));
  });
});

describe("where harm starts", () => {
  it("reports span agreement over double-adjudicated samples with two spans, as computed by hand", async () => {
    const thinking = "Step one.\n\nStep two.\n\nStep three.\n\nStep four.";
    const starts = [[0, 5], [12, 24], [10, 36], [23, 23]];
    await importDataset("spans", [...starts.map((_, index) => realLine(`sp${index}`, { thinking })), realLine("one-span", { thinking }), realLine("single", { thinking })]);
    const [first, second] = experts;
    const decide = (externalId: string, expert: Actor, round: "first" | "second", span: [number, number] | null) =>
      pool().query(
        `INSERT INTO adjudications (sample_id, expert_id, kind, judgment, analysis, round, span_start, span_end)
         SELECT id, $2, 'correction', '1', 'harm starts here', $3, $4, $5 FROM samples WHERE external_id = $1`,
        [externalId, expert.userId, round, span?.[0] ?? null, span?.[1] ?? null],
      );
    for (const [index, [a, b]] of starts.entries()) {
      await decide(`sp${index}`, first!, "first", [a!, a! + 3]);
      await decide(`sp${index}`, second!, "second", [b!, b! + 3]);
    }
    // Left out: a second opinion without a span, and a sample decided once.
    await decide("one-span", first!, "first", [0, 4]);
    await decide("one-span", second!, "second", null);
    await decide("single", first!, "first", [0, 4]);

    const { span_agreement: spans } = (await getDatasetStats(CLI_ACTOR, { dataset: "spans" })).experts;
    expect(spans).toMatchObject({ n: 4, same_step_share: 0.5, char_distance: { median: 5, p90: 26, max: 26, mean: 10.75 }, step_distance: { median: 0, p90: 2, max: 2, mean: 0.75 } });
    expect(spans.alpha_interval_start_step).toBeCloseTo(4 / 9, 12);
  });
});

describe("drift", () => {
  it("flags the week a seeded drop happens in, in gts stats' drift", async () => {
    // Five weeks of 12 decided splits each; in the last week the experts stop siding with gpt-5.
    const lines = Array.from({ length: 60 }, (_, index) => realLine(`d${String(index).padStart(2, "0")}`));
    await importDataset("drift", lines);
    const [expert] = experts;
    await pool().query(
      `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY external_id) - 1 AS n FROM samples)
       UPDATE samples s SET created_at = date_trunc('week', now()) - make_interval(weeks => 4 - (numbered.n / 12)::int) + interval '1 day'
         FROM numbered WHERE numbered.id = s.id`,
    );
    await pool().query(
      `INSERT INTO adjudications (sample_id, expert_id, kind, supported_judge, judgment, analysis, round, created_at)
       SELECT s.id, $1, CASE WHEN s.created_at >= date_trunc('week', now()) THEN 'correction' ELSE 'supports_judge' END::adjudication_kind,
              CASE WHEN s.created_at >= date_trunc('week', now()) THEN NULL ELSE 'gpt-5' END,
              CASE WHEN s.created_at >= date_trunc('week', now()) THEN '1' ELSE '0' END::risk_level,
              CASE WHEN s.created_at >= date_trunc('week', now()) THEN 'harmful after all' ELSE NULL END, 'first', s.created_at + interval '1 hour'
         FROM samples s`,
      [expert!.userId],
    );
    const { drift } = await getDatasetStats(CLI_ACTOR, { dataset: "drift" });
    expect(drift.weeks).toHaveLength(5);
    const gpt5 = drift.judge_accuracy.find((row) => row.judge === "gpt-5")!.points;
    expect(gpt5.map((point) => [point.n, point.value, point.flagged])).toEqual([
      [12, 1, false],
      [12, 1, false],
      [12, 1, false],
      [12, 1, false],
      [12, 0, true],
    ]);
    // The judges themselves did not change: their agreement is flat and unflagged.
    expect(drift.judges_alpha_ordinal.some((point) => point.flagged)).toBe(false);
  });
});
