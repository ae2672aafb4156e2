import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ConflictError } from "@/lib/errors";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";
import { releaseHold } from "@/lib/services/queue/release-hold";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";
import { addUser } from "@/lib/services/users/add-user";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const split = [
  { name: "gpt-5", analysis: "Safe.", judgment: 0 },
  { name: "gemini-2.5-pro", analysis: "Safe.", judgment: 0 },
  { name: "qwen3-vl-235b", analysis: "Harmful.", judgment: 1 },
];
let database: TestDatabase;
let experts: [Actor, Actor];
const held = async (actor: Actor) => (await pool().query<{ sample_id: number }>(`SELECT sample_id FROM leases WHERE expert_id = $1 AND expires_at > now() ORDER BY sample_id`, [actor.userId])).rows.map((row) => row.sample_id);

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_DATA_DIR = await tempDir("gts-data-");
  const made = await Promise.all([0, 1].map((index) => addUser(CLI_ACTOR, { email: `ahead${index}@example.org`, role: "expert", password: "a long password" })));
  experts = made.map((user) => ({ userId: user.id, email: user.email, role: "expert", via: "session" })) as [Actor, Actor];
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await pool().query(`TRUNCATE samples, datasets, import_runs, queue_skips, sample_flags, leases, adjudications, queue_items CASCADE`);
  const lines = Array.from({ length: 4 }, (_, index) => sampleLine(`ahead-${index}`, { judges: split }));
  expect((await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(await tempDir(), "ahead.jsonl", lines), dataset: "ahead" })).committed).toBe(true);
});

describe("the claim-ahead", () => {
  it("takes one more sample beside the one in hand and no third, under the same lease rules", async () => {
    const [expert, other] = experts;
    const current = (await claimNextSample(expert, { dataset: "ahead" }))!;
    const next = (await claimNextSample(expert, { dataset: "ahead", ahead: true }))!;
    expect(next.sample.id).not.toBe(current.sample.id);
    expect(await held(expert)).toEqual([current.sample.id, next.sample.id].sort((a, b) => a - b));
    // Two held: a third claim-ahead finds nothing, and says nothing.
    expect(await claimNextSample(expert, { dataset: "ahead", ahead: true })).toBeNull();
    // Neither is anyone else's to take.
    const theirs = (await claimNextSample(other, { dataset: "ahead" }))!;
    expect([current.sample.id, next.sample.id]).not.toContain(theirs.sample.id);

    // Deciding the one in hand makes room for the next claim-ahead.
    await submitAdjudication(expert, current.sample.id, { supports: "gpt-5" });
    const after = (await claimNextSample(expert, { dataset: "ahead", ahead: true }))!;
    expect([current.sample.id, next.sample.id, theirs.sample.id]).not.toContain(after.sample.id);
  });

  it("gives an unused claim-ahead back to the queue, once", async () => {
    const [expert, other] = experts;
    await claimNextSample(expert, { dataset: "ahead" });
    const next = (await claimNextSample(expert, { dataset: "ahead", ahead: true }))!;
    expect(await releaseHold(expert, next.sample.id)).toEqual({ sampleId: next.sample.id });
    await expect(releaseHold(expert, next.sample.id)).rejects.toBeInstanceOf(ConflictError);
    // Back in the queue: the other expert's claims reach it.
    const seen = [(await claimNextSample(other, { dataset: "ahead" }))!.sample.id, (await claimNextSample(other, { dataset: "ahead", ahead: true }))!.sample.id];
    expect(seen).toContain(next.sample.id);
    await expect(releaseHold(other, 999_999)).rejects.toThrow();
  });
});
