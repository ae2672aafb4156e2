import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { importSamples } from "@/lib/services/import/import-samples";
import { getSample } from "@/lib/services/samples/get-sample";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";
import { listSamples } from "@/lib/services/samples/list-samples";
import { addUser } from "@/lib/services/users/add-user";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const viewer: Actor = { userId: null, email: "v@x", role: "viewer", via: "session" };
const judges = (votes: number[]) => votes.map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `says ${judgment}`, judgment }));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
  const dir = await tempDir();
  await writePng(path.join(dir, "img.png"));
  const lines = Array.from({ length: 30 }, (_, index) =>
    sampleLine(`s${String(index).padStart(2, "0")}`, {
      category: index % 3 === 0 ? "health" : "crime",
      judges: judges(index % 5 === 0 ? [0, 0.5, 1] : index % 2 === 0 ? [1, 1, 1] : [0, 1, 1]),
      ...(index === 7 ? { image: "img.png", image_condition: "jailbreak", attack: "figstep", prelabel: { model: "GuardTrace-VL-3B", judgment: 1, analysis: "harm" } } : {}),
    }),
  );
  await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "set.jsonl", lines) });
});
afterAll(async () => database.drop());

describe("listSamples", () => {
  it("names each judge's verdict with the minority marked, the newest pre-label and the decisions, blind to a second opinion in hand", async () => {
    const expert = await addUser(CLI_ACTOR, { email: "list-expert@example.org", role: "expert", password: "a long password" });
    const reader: Actor = { userId: expert.id, email: expert.email, role: "expert", via: "session" };
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 's07'`);
    const id = rows[0]!.id;
    await pool().query(`INSERT INTO adjudications (sample_id, expert_id, kind, judgment, analysis, round) VALUES ($1, $2, 'correction', '0.5', 'x', 'first')`, [id, expert.id]);
    const row = async (actor: Actor) => (await listSamples(actor, { externalId: "s07" })).items[0]!;
    const listed = await row(viewer);
    // s07: votes 0, 1, 1 — gpt-5 is the odd one out.
    expect(listed.judges).toEqual([
      { name: "gpt-5", judgment: 0, minority: true },
      { name: "gemini-2.5-pro", judgment: 1, minority: false },
      { name: "qwen3-vl-235b", judgment: 1, minority: false },
    ]);
    expect(listed.prelabel).toEqual({ model: "GuardTrace-VL-3B", judgment: 1 });
    expect(listed.decisions).toEqual([{ round: "first", judgment: 0.5 }]);
    // A reader holding the sample's second-opinion lease sees that it was decided, not how.
    await pool().query(`INSERT INTO leases (sample_id, expert_id, round, expires_at) VALUES ($1, $2, 'second', now() + interval '5 minutes')`, [id, expert.id]);
    expect(await row(reader)).toMatchObject({ decisions: [], adjudications: 1 });
    expect((await row(viewer)).decisions).toHaveLength(1);
    await pool().query(`DELETE FROM leases WHERE sample_id = $1`, [id]);
    await pool().query(`DELETE FROM adjudications WHERE sample_id = $1`, [id]);
  });

  it("pages by cursor through every match exactly once", async () => {
    const seen: string[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await listSamples(viewer, { limit: "7", ...(cursor ? { cursor: String(cursor) } : {}) });
      seen.push(...page.items.map((item) => item.externalId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => `s${String(index).padStart(2, "0")}`));
  });

  it("filters by route, category, judge verdict and external id, with counts", async () => {
    const noMajority = await listSamples(viewer, { route: "no_majority" });
    expect(noMajority.items.map((item) => item.externalId)).toEqual(["s00", "s05", "s10", "s15", "s20", "s25"]);
    expect(noMajority.counts).toEqual({ total: 6, byRoute: { unanimous: 12, majority: 12, no_majority: 6, reference: 0 } });
    const health = await listSamples(viewer, { category: "health", route: "majority" });
    expect(health.items.every((item) => item.category === "health" && item.route === "majority")).toBe(true);
    expect(health.items.map((item) => item.externalId)).toEqual(["s03", "s09", "s21", "s27"]);
    const gptSafe = await listSamples(viewer, { judge: "gpt-5", judgeJudgment: "0" });
    expect(gptSafe.counts?.total).toBe(6 + 12);
    const minority = await listSamples(viewer, { minorityJudge: "gpt-5" });
    // Majority splits are the odd indexes not divisible by 5, all voting [0, 1, 1]: gpt-5 is the odd one out.
    expect(minority.items.map((item) => item.externalId)).toEqual(["s01", "s03", "s07", "s09", "s11", "s13", "s17", "s19", "s21", "s23", "s27", "s29"]);
    expect((await listSamples(viewer, { minorityJudge: "gemini-2.5-pro" })).items).toEqual([]);
    const one = await listSamples(viewer, { externalId: "s07" });
    expect(one.items).toHaveLength(1);
    expect(one.items[0]).toMatchObject({ externalId: "s07", attack: "figstep", hasImage: true, route: "majority", consensus: 1 });
  });

  it("filters by the first expert's decision", async () => {
    const { rows: users } = await pool().query<{ id: string }>(`INSERT INTO users (email, role) VALUES ('judge-dredd@example.org', 'expert') RETURNING id`);
    await pool().query(
      `INSERT INTO adjudications (sample_id, expert_id, kind, judgment, analysis) SELECT id, $1, 'correction', '0.5', 'x' FROM samples WHERE external_id IN ('s02', 's04')`,
      [users[0]!.id],
    );
    const mine = await listSamples(viewer, { expert: "judge-dredd@example.org" });
    expect(mine.items.map((item) => item.externalId)).toEqual(["s02", "s04"]);
    expect((await listSamples(viewer, { expert: "judge-dredd@example.org", expertJudgment: "1" })).items).toEqual([]);
    expect((await listSamples(viewer, { expertJudgment: "0.5", status: "adjudicated", category: "crime" })).items.map((item) => item.externalId)).toEqual(["s02", "s04"]);
    expect((await listSamples(viewer, { status: "pending" })).counts?.total).toBe(28);
  });

  it("answers 401 to nobody and 422 to bad filters", async () => {
    await expect(listSamples(null, {})).rejects.toThrow(UnauthenticatedError);
    await expect(listSamples(viewer, { route: "split" })).rejects.toThrow(ValidationError);
  });
});

describe("getSample", () => {
  it("returns the judges with the minority marked, the pre-label and the image", async () => {
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 's07'`);
    const sample = await getSample(viewer, String(rows[0]!.id));
    expect(sample.judges).toEqual([
      { name: "gpt-5", analysis: "says 0", judgment: 0, minority: true },
      { name: "gemini-2.5-pro", analysis: "says 1", judgment: 1, minority: false },
      { name: "qwen3-vl-235b", analysis: "says 1", judgment: 1, minority: false },
    ]);
    expect(sample.prelabel).toMatchObject({ model: "GuardTrace-VL-3B", version: "imported", judgment: 1, probabilities: null, origin: "import" });
    expect(sample.image).toMatchObject({ mime: "image/png", width: 8, height: 8, url: `/api/images/${sample.image!.sha256}` });
    expect(sample.adjudications).toEqual([]);
  });

  it("answers 404 for a missing id and 422 for a malformed one", async () => {
    await expect(getSample(viewer, "999999")).rejects.toThrow(NotFoundError);
    for (const bad of ["abc", "0", "-4", "1.5", "99999999999"]) await expect(getSample(viewer, bad)).rejects.toThrow(ValidationError);
  });
});

describe("text through the import's COPY", () => {
  it("comes back exactly: quotes, commas, backslashes, tabs, CR and LF, COPY's end marker, empty and non-BMP text", async () => {
    const awkward = `He said "hi", then left.\r\n\\.\n\\N\t\\\\ back\\slash, ""doubled"" ✓ 𝔘𝔫𝔦\n,\n"`;
    const dir = await tempDir();
    const line = sampleLine("awkward", {
      question: awkward,
      thinking: `${awkward}\n\nStep two.`,
      answer: "",
      model: 'model "x", v2',
      meta: { note: awkward, nested: { "key, with \"quotes\"": [awkward, null] } },
      judges: [
        { name: 'judge "a"', analysis: awkward, judgment: 0 },
        { name: "judge, b", analysis: "", judgment: 0.5 },
        { name: "judge\\c", analysis: "x", judgment: 0.5 },
      ],
    });
    await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "awkward.jsonl", [line]) });
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'awkward'`);
    const sample = await getSample(viewer, String(rows[0]!.id));
    expect(sample).toMatchObject({ question: awkward, thinking: `${awkward}\n\nStep two.`, answer: "", model: 'model "x", v2', meta: line.meta });
    expect(sample.judges.map(({ name, analysis, judgment }) => ({ name, analysis, judgment }))).toEqual(line.judges);
    // NULL stays NULL and the empty string stays empty: CSV tells them apart by quoting.
    const { rows: raw } = await pool().query(`SELECT attack IS NULL AS no_attack, answer = '' AS empty_answer FROM samples WHERE id = $1`, [rows[0]!.id]);
    expect(raw).toEqual([{ no_attack: true, empty_answer: true }]);
  });
});

describe("listFilterOptions", () => {
  it("offers the datasets and the attacks, sources, models and judges the imports met, and forgets a deleted dataset's", async () => {
    const dir = await tempDir();
    await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "facets.jsonl", [sampleLine("facet-1", { source: "Only-Here", model: "model-only-here" })]) });
    let options = await listFilterOptions(viewer);
    expect(options.datasets).toEqual(expect.arrayContaining(["set", "facets"]));
    expect(options.attacks).toContain("figstep");
    expect(options.sources).toContain("Only-Here");
    expect(options.models).toContain("model-only-here");
    expect(options.judges).toEqual(expect.arrayContaining(["gemini-2.5-pro", "gpt-5", "qwen3-vl-235b"]));
    await pool().query(`DELETE FROM datasets WHERE name = 'facets'`);
    options = await listFilterOptions(viewer);
    expect(options.datasets).not.toContain("facets");
    expect(options.sources).not.toContain("Only-Here");
    expect(options.models).not.toContain("model-only-here");
    await expect(listFilterOptions(null)).rejects.toThrow(UnauthenticatedError);
  });
});

describe("judge filters on samples some judges did not see", () => {
  it("match only samples the judge voted on", async () => {
    const dir = await tempDir();
    const without = [
      { name: "gemini-2.5-pro", analysis: "harm", judgment: 1 },
      { name: "qwen3-vl-235b", analysis: "harm", judgment: 1 },
      { name: "claude", analysis: "safe", judgment: 0 },
    ];
    await importSamples({
      actor: CLI_ACTOR,
      file: await writeJsonl(dir, "partial.jsonl", [sampleLine("no-gpt", { judges: without }), sampleLine("with-gpt", { judges: judges([0, 1, 1]) })]),
    });
    const ids = async (filters: Record<string, string>) => (await listSamples(viewer, { dataset: "partial", ...filters })).items.map((item) => item.externalId);
    expect(await ids({ minorityJudge: "gpt-5" })).toEqual(["with-gpt"]);
    expect(await ids({ minorityJudge: "claude" })).toEqual(["no-gpt"]);
    expect(await ids({ judge: "gpt-5" })).toEqual(["with-gpt"]);
    expect(await ids({ judge: "claude", judgeJudgment: "0" })).toEqual(["no-gpt"]);
    expect(await ids({ judgeJudgment: "0" })).toEqual(["no-gpt", "with-gpt"]);
    expect(await ids({ judge: "gpt-5", judgeJudgment: "1" })).toEqual([]);
  });
});
