import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { UserError } from "@/lib/errors";
import { getImportRun, listImports } from "@/lib/services/import/list-imports";
import { previewImport } from "@/lib/services/import/preview-import";
import { queueImport } from "@/lib/services/import/queue-import";
import { runQueuedImport } from "@/lib/services/import/run-queued-import";
import { saveUpload } from "@/lib/services/import/save-upload";
import { addUser } from "@/lib/services/users/add-user";
import { tempDir } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { writeUpstreamRelease } from "../support/upstream-release";

let database: TestDatabase;
let admin: Actor;
let release: Awaited<ReturnType<typeof writeUpstreamRelease>>;

const file = (name: string, bytes: Buffer | string, contentType = "application/octet-stream") => ({
  name,
  contentType,
  body: new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]).stream(),
});
const code = (promise: Promise<unknown>) => promise.then(() => "resolved", (error: unknown) => (error instanceof UserError ? error.code : String(error)));

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_DATA_DIR = await tempDir("gts-data-");
  process.env.GTS_IMAGE_DIR = path.join(process.env.GTS_DATA_DIR, "images");
  const importDir = await tempDir("gts-import-dir-");
  release = await writeUpstreamRelease(importDir);
  process.env.GTS_IMPORT_DIR = importDir;
  const user = await addUser(CLI_ACTOR, { email: "imports@example.org", role: "admin", password: "a long password" });
  admin = { userId: user.id, email: user.email, role: "admin", via: "session" };
});
afterAll(async () => {
  delete process.env.GTS_IMPORT_DIR;
  delete process.env.GTS_UPLOAD_MAX_BYTES;
  await database.drop();
});
beforeEach(async () => {
  await pool().query("TRUNCATE samples, datasets, images, import_runs CASCADE");
});

describe("the import page's service", () => {
  it("imports an upload in the worker's call, with the reasons kept and the rejects file served, then drops the upload", async () => {
    const records = [
      { question: "Kept?", thinking: "T", response: "A", image_name: "", evaluation_result: 0 },
      { question: "", thinking: "T", response: "A", image_name: "", evaluation_result: 1 },
    ];
    const saved = await saveUpload(admin, file("C:\\fakepath\\mixed.json", JSON.stringify(records)));
    expect(saved).toMatchObject({ name: "mixed.json", format: "json-array", size: JSON.stringify(records).length });
    const request = { upload: saved.upload, dataset: "page", layout: "guardtrace", source: "MM-Eval", skipInvalid: true };
    const preview = await previewImport(admin, request);
    expect(preview.records.map((record) => record.problem)).toEqual([null, "question: must not be empty"]);

    const { id } = await queueImport(admin, request);
    expect((await listImports(admin))[0]).toMatchObject({ id, status: "queued", fileName: "mixed.json", dataset: "page", layout: "guardtrace" });
    await runQueuedImport(id);
    const run = await getImportRun(admin, { id });
    expect(run).toMatchObject({ status: "succeeded", imported: 1, rejected: 1, progress: 1, recordsRead: 2, hasRejectsFile: true, startedBy: "imports@example.org" });
    expect(run.rejections).toEqual([{ line: 2, reason: "question: must not be empty" }]);
    // The upload is gone; running the job again (a retry) changes nothing.
    await expect(previewImport(admin, request)).rejects.toThrow("that upload is not here any more");
    await runQueuedImport(id);
    expect(await getImportRun(admin, { id })).toMatchObject({ status: "succeeded", imported: 1 });
  });

  it("reads server paths only inside GTS_IMPORT_DIR, and image folders too", async () => {
    const [seval] = release.benchmarks;
    const inside = { path: path.basename(seval!.file), dataset: "by-path", layout: "guardtrace", imageDir: "images" };
    const { id } = await queueImport(admin, inside);
    await runQueuedImport(id);
    expect(await getImportRun(admin, { id })).toMatchObject({ status: "succeeded", imported: 5 });

    const outside = await tempDir();
    await fs.writeFile(path.join(outside, "secret.json"), "[]");
    await fs.symlink(path.join(outside, "secret.json"), path.join(process.env.GTS_IMPORT_DIR!, "link.json"));
    for (const attempt of [{ path: "../secret.json" }, { path: path.join(outside, "secret.json") }, { path: "link.json" }, { path: "images" }, { ...inside, imageDir: "../" }]) {
      expect(await code(queueImport(admin, { ...inside, ...attempt }))).toBe("bad_path");
    }
    const configured = process.env.GTS_IMPORT_DIR;
    delete process.env.GTS_IMPORT_DIR;
    expect(await code(queueImport(admin, inside))).toBe("import_dir_unset");
    process.env.GTS_IMPORT_DIR = configured;
  });

  it("refuses an upload over the limit without keeping any of it, an expert altogether, and a form's body", async () => {
    const uploads = () => fs.readdir(path.join(process.env.GTS_DATA_DIR!, "imports", "uploads")).catch(() => []);
    const before = await uploads();
    process.env.GTS_UPLOAD_MAX_BYTES = "1000";
    expect(await code(saveUpload(admin, file("big.jsonl", Buffer.alloc(5000, 0x61))))).toBe("too_large");
    delete process.env.GTS_UPLOAD_MAX_BYTES;
    expect(await uploads()).toEqual(before);
    expect(await code(saveUpload({ ...admin, role: "expert" }, file("a.jsonl", "{}")))).toBe("forbidden");
    // What a cross-site form could send is refused before anything is written.
    expect(await code(saveUpload(admin, file("a.jsonl", "{}", "text/plain")))).toBe("unsupported_media_type");
    expect(await uploads()).toEqual(before);
  });

  it("runs a queued import as its admin, so one demoted since is refused, and shows a run that went quiet as interrupted", async () => {
    const user = await addUser(CLI_ACTOR, { email: "demoted@example.org", role: "admin", password: "a long password" });
    const demoted: Actor = { userId: user.id, email: user.email, role: "admin", via: "session" };
    const { id } = await queueImport(demoted, { path: path.basename(release.benchmarks[1]!.file), dataset: "demoted", layout: "guardtrace" });
    await pool().query(`UPDATE users SET role = 'expert' WHERE id = $1`, [user.id]);
    await runQueuedImport(id);
    expect(await getImportRun(admin, { id })).toMatchObject({ status: "failed", error: "Your role does not allow this.", imported: 0 });

    await pool().query(
      `INSERT INTO import_runs (file_name, status, started_at, heartbeat_at, dataset_name) VALUES ('killed.jsonl', 'running', now() - interval '1 hour', now() - interval '10 minutes', 'x')`,
    );
    expect((await listImports(admin)).find((run) => run.fileName === "killed.jsonl")?.status).toBe("interrupted");
  });
});
