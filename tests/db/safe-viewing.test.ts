import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ExpertHeldError, NotFoundError, ValidationError } from "@/lib/errors";
import { updateDatasetSettings } from "@/lib/services/datasets/update-dataset-settings";
import { revealImage } from "@/lib/services/exposure/reveal-image";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample, type Claim } from "@/lib/services/queue/claim-next-sample";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";
import { addUser } from "@/lib/services/users/add-user";
import { getViewingPreferences, updateViewingPreferences } from "@/lib/services/users/viewing-preferences";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const split = [
  { name: "gpt-5", analysis: "Safe.", judgment: 0 },
  { name: "gemini-2.5-pro", analysis: "Safe.", judgment: 0 },
  { name: "qwen3-vl-235b", analysis: "Harmful.", judgment: 1 },
];

let database: TestDatabase;
let experts: Actor[];
let auditMark = "0";

const claim = async (actor: Actor, body: Record<string, unknown> = {}): Promise<Claim> => {
  const claimed = await claimNextSample(actor, { dataset: "sv", ...body });
  expect(claimed).not.toBeNull();
  return claimed!;
};
const decide = async (actor: Actor, body: Record<string, unknown> = {}) => {
  const { sample } = await claim(actor, body);
  await submitAdjudication(actor, sample.id, { supports: "gpt-5" });
};
async function auditOf(action: string): Promise<{ actor_id: string | null; entity_id: string | null; before: unknown; after: Record<string, unknown> }[]> {
  const { rows } = await pool().query(`SELECT actor_id, entity_id, before, after FROM audit_events WHERE action = $1 AND id > $2 ORDER BY id`, [action, auditMark]);
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_DATA_DIR = await tempDir("gts-data-");
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
  experts = [];
  for (const index of [0, 1]) {
    const user = await addUser(CLI_ACTOR, { email: `sv${index}@example.org`, role: "expert", password: "a long password" });
    experts.push({ userId: user.id, email: user.email, role: "expert", via: "session" });
  }
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await pool().query(`TRUNCATE samples, datasets, import_runs, queue_skips, sample_flags, leases, adjudications, queue_items CASCADE`);
  // The audit trail is append-only: each test reads the events after this mark.
  auditMark = (await pool().query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_events`)).rows[0]!.id;
  const dir = await tempDir();
  await writePng(path.join(dir, "img.png"));
  const lines = Array.from({ length: 8 }, (_, index) => sampleLine(`sv${index}`, { judges: split, ...(index === 0 ? { image: "img.png", image_condition: "jailbreak" } : {}) }));
  const summary = await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "sv.jsonl", lines), dataset: "sv" });
  expect(summary.committed).toBe(true);
});

describe("the daily cap", () => {
  it("closes the dataset to an expert at the cap until they choose to go on, recorded once a day; others work on", async () => {
    const [first, second] = experts as [Actor, Actor];
    expect(await updateDatasetSettings(CLI_ACTOR, "sv", { dailyCap: 2 })).toMatchObject({ dailyCap: 2, breakAfterMinutes: null });
    await decide(first);
    await decide(first);
    const refused = await claimNextSample(first, { dataset: "sv" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ExpertHeldError);
    expect(refused).toMatchObject({ code: "daily_cap_reached", status: 409 });
    expect((refused as Error).message).toContain("2 decisions on sv today");
    // Without a dataset filter the capped dataset simply drops out, and says so as well.
    await expect(claimNextSample(first, {})).rejects.toMatchObject({ code: "daily_cap_reached" });
    expect(await claimNextSample(second, { dataset: "sv" })).not.toBeNull();

    await decide(first, { beyondCap: true });
    await decide(first, { beyondCap: true });
    const passed = await auditOf("exposure.cap_passed");
    expect(passed).toHaveLength(1);
    expect(passed[0]).toMatchObject({ actor_id: first.userId, after: { dailyCap: 2, decidedToday: 2 } });

    await updateDatasetSettings(CLI_ACTOR, "sv", { dailyCap: null });
    expect(await claimNextSample(first, { dataset: "sv" })).not.toBeNull();
  });

  it("refuses a cap or break setting that would close the queue or nag on every claim", async () => {
    for (const body of [{ dailyCap: 0 }, { dailyCap: 2.5 }, { breakAfterMinutes: 1 }, { breakAfterMinutes: "60" }]) {
      await expect(updateDatasetSettings(CLI_ACTOR, "sv", body)).rejects.toBeInstanceOf(ValidationError);
    }
  });
});

describe("the break reminder", () => {
  it("is due after the dataset's stretch of continuous work, recorded once per stretch, and never without the setting", async () => {
    const expert = experts[0]!;
    for (let index = 0; index < 6; index += 1) await decide(expert);
    expect((await claim(expert)).breakDue).toBeNull();
    // Spread the six decisions over 45 minutes of steady work, 9 minutes apart (no pause of 10).
    await pool().query(
      `UPDATE adjudications a SET created_at = now() - make_interval(mins => (45 - 9 * o.n)::int)
         FROM (SELECT id, row_number() OVER (ORDER BY created_at) - 1 AS n FROM adjudications WHERE expert_id = $1) o
        WHERE a.id = o.id`,
      [expert.userId],
    );
    expect((await claim(expert)).breakDue).toBeNull();
    await updateDatasetSettings(CLI_ACTOR, "sv", { breakAfterMinutes: 40 });
    const due = (await claim(expert)).breakDue;
    expect(due).toMatchObject({ minutes: 45 });
    expect((await claim(expert)).breakDue).toEqual(due);
    const reminders = await auditOf("exposure.break_reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ actor_id: expert.userId, after: { minutes: 45, stretchStart: due!.since } });

    // A pause of 10 minutes or more ends the stretch: the last decision 12 minutes ago is no work now.
    await pool().query(`UPDATE adjudications SET created_at = created_at - interval '12 minutes' WHERE expert_id = $1`, [expert.userId]);
    expect((await claim(expert)).breakDue).toBeNull();
  });
});

describe("viewing preferences and reveals", () => {
  it("start blurred, change field by field with an audited before and after, and refuse what they do not know", async () => {
    const expert = experts[1]!;
    expect(await getViewingPreferences(expert)).toEqual({ revealImages: false, grayscaleImages: false });
    expect(await updateViewingPreferences(expert, { grayscaleImages: true })).toEqual({ revealImages: false, grayscaleImages: true });
    expect(await updateViewingPreferences(expert, { revealImages: true })).toEqual({ revealImages: true, grayscaleImages: true });
    expect(await getViewingPreferences(expert)).toEqual({ revealImages: true, grayscaleImages: true });
    const changes = await auditOf("user.viewing");
    expect(changes.map((change) => [change.before, change.after])).toEqual([
      [{ revealImages: false, grayscaleImages: false }, { revealImages: false, grayscaleImages: true }],
      [{ revealImages: false, grayscaleImages: true }, { revealImages: true, grayscaleImages: true }],
    ]);
    await expect(updateViewingPreferences(expert, {})).rejects.toBeInstanceOf(ValidationError);
    await expect(updateViewingPreferences(expert, { revealImages: "yes" })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateViewingPreferences(expert, { blur: false })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateViewingPreferences(CLI_ACTOR, { revealImages: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("record each reveal of an image with the sample's external id, and refuse a sample without one", async () => {
    const { rows } = await pool().query<{ id: number; external_id: string }>(`SELECT id, external_id FROM samples WHERE external_id IN ('sv0', 'sv1') ORDER BY external_id`);
    const [withImage, without] = [rows[0]!, rows[1]!];
    expect(await revealImage(experts[0]!, String(withImage.id))).toEqual({ sampleId: withImage.id });
    await expect(revealImage(experts[0]!, without.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revealImage(experts[0]!, "x")).rejects.toBeInstanceOf(ValidationError);
    expect(await auditOf("image.revealed")).toEqual([{ actor_id: experts[0]!.userId, entity_id: String(withImage.id), before: null, after: { externalId: "sv0", via: "session" } }]);
  });
});
