import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appVersion } from "@/lib/app-version";
import { openApiDocument } from "@/lib/openapi/document";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { runCli } from "../support/run-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = await tempDir();
});
afterAll(async () => database.drop());

const env = () => ({ databaseUrl: database.url, env: { GTS_DATA_DIR: path.join(dir, "data") } });

describe("gts command line", () => {
  it("openapi prints the whole document the API serves, through a pipe and without a database", async () => {
    // No DATABASE_URL at all: the command must not start or reach one.
    const printed = await runCli(["openapi"], { env: { DATABASE_URL: "" } });
    expect(printed.code).toBe(0);
    expect(printed.stdout.length).toBeGreaterThan(128 * 1024);
    expect(JSON.parse(printed.stdout)).toEqual(openApiDocument(await appVersion()));
  });

  it("import --json prints exactly one object and is idempotent", async () => {
    const file = await writeJsonl(dir, "cli.jsonl", [sampleLine("a"), sampleLine("b")]);
    const first = await runCli(["import", file, "--dataset", "cli", "--json"], env());
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: [] });
    const second = await runCli(["import", file, "--dataset", "cli", "--json"], env());
    expect(JSON.parse(second.stdout)).toEqual({ imported: 0, updated: 0, unchanged: 2, rejected: [] });
  });

  it("refuses a bad file with a non-zero exit and every bad line named", async () => {
    const file = await writeJsonl(dir, "bad.jsonl", [sampleLine("ok"), "nope", { ...sampleLine("c"), category: "x" }]);
    const result = await runCli(["import", file, "--json"], env());
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.imported).toBe(0);
    expect(output.rejected.map((rejection: { line: number }) => rejection.line)).toEqual([2, 3]);
    expect(result.stderr).toMatch(/^line 2: not valid JSON/m);
    expect(result.stderr).toMatch(/^line 3: category: must be one of/m);
  });

  it("adds a user with the password from stdin and prints a token as the last line", async () => {
    const added = await runCli(["user", "add", "cli-admin@example.org", "--role", "admin"], { ...env(), stdin: "a sufficiently long password\n" });
    expect(added.code).toBe(0);
    const token = await runCli(["token", "create", "cli-admin@example.org"], env());
    expect(token.code).toBe(0);
    expect(token.stdout.trim().split("\n").at(-1)).toMatch(/^gts_[A-Za-z0-9_-]{43}$/);
  });

  it("fails with a one-line reason and a non-zero code on misuse", async () => {
    const unknown = await runCli(["frobnicate"], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command: frobnicate/);
    const missing = await runCli(["import", path.join(dir, "absent.jsonl")], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n").at(-1)).toMatch(/^error: no such file/);
    const weakPassword = await runCli(["user", "add", "x@example.org", "--role", "viewer"], { ...env(), stdin: "short\n" });
    expect(weakPassword.code).toBe(1);
    expect(weakPassword.stderr).toMatch(/password/);
    const badQueue = await runCli(["worker", "--queues", "export,exports"], env());
    expect(badQueue.code).toBe(2);
    expect(badQueue.stderr).toMatch(/--queues: unknown queue 'exports'/);
    const badNice = await runCli(["worker", "--queues", "export"], { ...env(), env: { ...env().env, GTS_WORKER_NICE: "-5" } });
    expect(badNice.code).toBe(2);
    expect(badNice.stderr).toMatch(/GTS_WORKER_NICE must be a whole number from 0 to 19/);
  });
});
