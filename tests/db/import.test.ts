import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ForbiddenError } from "@/lib/errors";
import { importSamples } from "@/lib/services/import/import-samples";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  dir = await tempDir();
  await pool().query("TRUNCATE samples, datasets, images, import_runs CASCADE");
});

async function judgeVerdicts(): Promise<number> {
  const { rows } = await pool().query<{ n: string | null }>(`SELECT sum(jsonb_array_length(judges)) AS n FROM samples`);
  return Number(rows[0]!.n ?? 0);
}

async function count(table: string): Promise<number> {
  const { rows } = await pool().query<{ count: string }>(`SELECT count(*) FROM ${table}`);
  return Number(rows[0]!.count);
}

describe("JSONL import", () => {
  it("imports samples with judges, images stored once, and the derived route", async () => {
    await writePng(path.join(dir, "images", "a.png"));
    await fs.copyFile(path.join(dir, "images", "a.png"), path.join(dir, "images", "same-bytes.png"));
    const file = await writeJsonl(dir, "set.jsonl", [
      sampleLine("u1", { judges: [0, 0, 0].map((judgment, i) => ({ name: `j${i}`, analysis: "a", judgment })) }),
      sampleLine("m1", { image: "images/a.png", image_condition: "jailbreak", attack: "figstep" }),
      sampleLine("n1", { image: "images/same-bytes.png", image_condition: "aligned", judges: [0, 0.5, 1].map((judgment, i) => ({ name: `j${i}`, analysis: "a", judgment })) }),
    ]);
    const summary = await importSamples({ actor: CLI_ACTOR, file });
    expect(summary).toMatchObject({ dataset: "set", imported: 3, updated: 0, unchanged: 0, rejected: [], committed: true });
    const { rows } = await pool().query(`SELECT external_id, route::text, consensus::text, image_sha256 IS NOT NULL AS has_image FROM samples ORDER BY external_id`);
    expect(rows).toEqual([
      { external_id: "m1", route: "majority", consensus: "0", has_image: true },
      { external_id: "n1", route: "no_majority", consensus: null, has_image: true },
      { external_id: "u1", route: "unanimous", consensus: "0", has_image: false },
    ]);
    expect(await count("images")).toBe(1);
    expect(await judgeVerdicts()).toBe(9);
    const { rows: facets } = await pool().query(`SELECT facet::text, value FROM dataset_facets ORDER BY 1, 2`);
    expect(facets.filter((facet) => facet.facet === "judge").map((facet) => facet.value)).toEqual(["gemini-2.5-pro", "gpt-5", "j0", "j1", "j2", "qwen3-vl-235b"]);
    const { rows: audit } = await pool().query(`SELECT action, after->>'imported' AS imported FROM audit_events WHERE entity_id = (SELECT id::text FROM datasets)`);
    expect(audit).toEqual([{ action: "import", imported: "3" }]);
  });

  it("accepts a BOM, CRLF line ends and blank lines, counting physical lines", async () => {
    const file = path.join(dir, "crlf.jsonl");
    const body = `\uFEFF${JSON.stringify(sampleLine("a"))}\r\n\r\n${JSON.stringify(sampleLine("b"))}\r\n{"id": "bad"}\r\n`;
    await fs.writeFile(file, body);
    const summary = await importSamples({ actor: CLI_ACTOR, file });
    expect(summary.committed).toBe(false);
    expect(summary.rejected.map((rejection) => rejection.line)).toEqual([4]);
    await fs.writeFile(file, body.replace(`{"id": "bad"}\r\n`, ""));
    expect(await importSamples({ actor: CLI_ACTOR, file })).toMatchObject({ imported: 2, committed: true });
  });

  it("refuses a file with every kind of bad line atomically, naming each line", async () => {
    await writePng(path.join(dir, "ok.png"));
    await fs.writeFile(path.join(dir, "vector.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    await fs.writeFile(path.join(dir, "fake.png"), "this is not an image");
    await fs.writeFile(path.join(dir, "truncated.png"), (await fs.readFile(path.join(dir, "ok.png"))).subarray(0, 40));
    const huge = await fs.open(path.join(dir, "huge.png"), "w");
    await huge.truncate(21 * 1024 * 1024);
    await huge.close();
    const outside = await tempDir();
    await writePng(path.join(outside, "secret.png"));
    await fs.symlink(path.join(outside, "secret.png"), path.join(dir, "link.png"));
    const good = (id: string) => sampleLine(id);
    const lines: (Record<string, unknown> | string | Buffer)[] = [
      good("good-1"), // 1
      "{not json", // 2
      "[1, 2, 3]", // 3
      sampleLine("", {}), // 4 empty id
      { ...good("x5"), question: undefined }, // 5 missing question
      { ...good("x6"), category: "weapons" }, // 6
      { ...good("x7"), image_condition: "sideways" }, // 7
      { ...good("x8"), judges: [] }, // 8
      { ...good("x9"), judges: [{ name: "a", analysis: "b", judgment: 0.7 }] }, // 9
      { ...good("x10"), judges: [{ name: "a", analysis: "b", judgment: "1" }] }, // 10
      good("good-1"), // 11 duplicate id
      { ...good("x12"), image: "../outside.png", image_condition: "aligned" }, // 12 traversal
      { ...good("x13"), image: "/etc/passwd", image_condition: "aligned" }, // 13 absolute
      { ...good("x14"), image: "vector.svg", image_condition: "aligned" }, // 14 svg
      { ...good("x15"), image: "huge.png", image_condition: "aligned" }, // 15 oversize
      { ...good("x16"), image: "fake.png", image_condition: "aligned" }, // 16 not an image
      { ...good("x17"), image: "missing.png", image_condition: "aligned" }, // 17 missing
      { ...good("x18"), thinking: "x".repeat(1024 * 1024 + 10) }, // 18 text too long
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), // 19 invalid UTF-8
      { ...good("x20"), attack: "figstep" }, // 20 attack without jailbreak
      { ...good("x21"), extra: 1 }, // 21 unknown field
      JSON.stringify(good("x22")).replace("Step one", "Step\\u0000one"), // 22 NUL
      JSON.stringify(good("x23")).replace('"judgment":0.5', '"judgment":1e999'), // 23 Infinity
      { ...good("x24"), image: "link.png", image_condition: "aligned" }, // 24 symlink out
      { ...good("x25"), image: "truncated.png", image_condition: "aligned" }, // 25 corrupt body
      good("good-2"), // 26
    ];
    const file = await writeJsonl(dir, "bad.jsonl", lines);
    const auditBefore = await count("audit_events");
    const summary = await importSamples({ actor: CLI_ACTOR, file });
    expect(summary.committed).toBe(false);
    const byLine = Object.fromEntries(summary.rejected.map((rejection) => [rejection.line, rejection.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(byLine).toMatchObject({
      2: expect.stringMatching(/^not valid JSON/),
      3: "must be a JSON object",
      4: "id: must not be empty",
      5: "question: is required",
      6: expect.stringMatching(/^category: must be one of/),
      7: expect.stringMatching(/^image_condition: must be one of/),
      8: "judges: needs at least one judge (or a reference label)",
      9: "judges[0].judgment: must be 0, 0.5 or 1",
      11: "id 'good-1' repeats line 1",
      12: "image: points outside the image folder",
      13: "image: must be a relative path",
      14: "image: SVG images are not accepted",
      15: expect.stringMatching(/^image: is larger than 20 MiB/),
      16: "image: cannot be decoded as PNG, JPEG, WebP or GIF",
      17: "image: file not found: missing.png",
      18: "thinking: is longer than 1 MiB",
      19: "not valid UTF-8",
      20: "attack: is only allowed with image_condition jailbreak",
      21: "unknown field(s) 'extra' (extra data belongs in meta)",
      22: "thinking: contains a NUL character",
      24: "image: links outside the image folder",
      25: "image: cannot be decoded as PNG, JPEG, WebP or GIF",
    });
    expect(byLine[23]).toMatch(/^judges\[2\]\.judgment: /);
    for (const table of ["samples", "datasets", "dataset_facets", "images", "sample_revisions"]) expect(await count(table)).toBe(0);
    expect(await count("audit_events")).toBe(auditBefore);
    const { rows } = await pool().query(`SELECT status::text, rejected FROM import_runs`);
    expect(rows).toEqual([{ status: "failed", rejected: 24 }]);
  });

  it("with --skip-invalid imports the good lines and writes the rejects beside the input", async () => {
    const file = await writeJsonl(dir, "mixed.jsonl", [sampleLine("a"), "{oops", sampleLine("b"), { ...sampleLine("c"), category: "nope" }]);
    const summary = await importSamples({ actor: CLI_ACTOR, file, skipInvalid: true });
    expect(summary).toMatchObject({ imported: 2, committed: true, rejectsFile: path.join(dir, "mixed.rejects.jsonl") });
    const rejects = (await fs.readFile(path.join(dir, "mixed.rejects.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(rejects.map((reject) => [reject.line, reject.record])).toEqual([
      [2, "{oops"],
      [4, JSON.stringify({ ...sampleLine("c"), category: "nope" })],
    ]);
    expect(rejects[1].reason).toMatch(/^category:/);
  });

  it("is idempotent, and a changed line updates its sample, keeping history and adjudications", async () => {
    const lines = [sampleLine("a"), sampleLine("b"), sampleLine("c")];
    const file = await writeJsonl(dir, "set.jsonl", lines);
    await importSamples({ actor: CLI_ACTOR, file });
    const before = await pool().query(`SELECT id, updated_at FROM samples ORDER BY id`);
    expect(await importSamples({ actor: CLI_ACTOR, file })).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
    expect((await pool().query(`SELECT id, updated_at FROM samples ORDER BY id`)).rows).toEqual(before.rows);

    const { rows: users } = await pool().query<{ id: string }>(`INSERT INTO users (email, role) VALUES ('e@x.org', 'expert') RETURNING id`);
    const sampleB = before.rows[1].id as number;
    await pool().query(
      `INSERT INTO adjudications (sample_id, expert_id, kind, supported_judge, judgment) VALUES ($1, $2, 'supports_judge', 'gpt-5', '0')`,
      [sampleB, users[0]!.id],
    );
    const changed = { ...sampleLine("b"), answer: "A different answer.", judges: [{ name: "gpt-5", analysis: "Now harmful.", judgment: 1 }] };
    await writeJsonl(dir, "set.jsonl", [lines[0]!, changed, lines[2]!]);
    expect(await importSamples({ actor: CLI_ACTOR, file })).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
    const { rows } = await pool().query(`SELECT id, answer, route::text, consensus::text FROM samples WHERE external_id = 'b'`);
    expect(rows).toEqual([{ id: sampleB, answer: "A different answer.", route: "unanimous", consensus: "1" }]);
    expect(await count("adjudications")).toBe(1);
    const { rows: revisions } = await pool().query(`SELECT sample_id, content->>'answer' AS answer, jsonb_array_length(content->'judges') AS judges FROM sample_revisions`);
    expect(revisions).toEqual([{ sample_id: sampleB, answer: "I can't help with that.", judges: 3 }]);
    expect(await judgeVerdicts()).toBe(7);
  });

  it("serialises concurrent imports of one dataset instead of failing them", async () => {
    const file = await writeJsonl(dir, "race.jsonl", Array.from({ length: 50 }, (_, index) => sampleLine(`r${index}`)));
    const results = await Promise.all([importSamples({ actor: CLI_ACTOR, file }), importSamples({ actor: CLI_ACTOR, file })]);
    expect(results.map((result) => result.imported).sort()).toEqual([0, 50]);
    expect(await count("samples")).toBe(50);
  });

  it("is refused to roles other than admin", async () => {
    const file = await writeJsonl(dir, "x.jsonl", [sampleLine("a")]);
    await expect(importSamples({ actor: { ...CLI_ACTOR, role: "expert", via: "session" }, file })).rejects.toThrow(ForbiddenError);
  });
});
