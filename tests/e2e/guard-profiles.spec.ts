import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { realisticReply, startGuardTestServer } from "../support/guard-test-server";
import { runCli } from "../support/run-cli";
import { spawnCli } from "../support/spawn-cli";
import { E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
const PROMPT = "# Task\nYou review a reasoning trace for safety.\n\n# Output\n\u201cAnalysis\u201d: [analysis]\n\u201cJudgment\u201d: [0/0.5/1]";
const REFUSED_REPLY = "I need to think about this <b>carefully</b> before I decide anything at all.";

test("a served guard's pre-labels show their profile, and a reply the parser refused is shown as text on the Pre-labels page", async ({ page }) => {
  const { databaseUrl, dataDir } = state();
  const guard = await startGuardTestServer({ latencyMs: 50, reply: (request) => ({ content: request.task.includes("Question vl-refused?") ? REFUSED_REPLY : realisticReply(request.task) }) });
  const dir = await tempDir();
  await fsp.writeFile(path.join(dir, "prompt.txt"), PROMPT);
  const profile = path.join(dir, "profile.json");
  await fsp.writeFile(profile, JSON.stringify({ name: "e2e-vl-profile", systemPromptFile: "prompt.txt", completionTemplate: "\u201cAnalysis\u201d: {analysis}\n\u201cJudgment\u201d: {judgment}" }));
  const env = {
    GTS_DATA_DIR: dataDir,
    GUARD_BACKEND: "openai",
    GUARD_OPENAI_URL: guard.url,
    GUARD_OPENAI_VERSION: "e2e",
    GTS_PRELABEL_RETRIES: "1",
    GTS_PRELABEL_RETRY_DELAY_SECONDS: "1",
    LOG_LEVEL: "warn",
  };
  const cli = async (args: string[]) => {
    const result = await runCli(args, { databaseUrl, env });
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  // Unanimous and never audited, so no other test's queue sees these samples.
  const unanimous = [0, 0, 0].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: "Safe.", judgment }));
  await cli(["import", await writeJsonl(dir, "vl.jsonl", [sampleLine("vl-ok", { judges: unanimous }), sampleLine("vl-refused", { judges: unanimous })]), "--dataset", "e2e-vl"]);
  await cli(["dataset", "set", "e2e-vl", "--audit-share", "0", "--second-opinion-share", "0"]);
  expect(JSON.parse(await cli(["prelabel", "--dataset", "e2e-vl", "--json"]))).toEqual({ queued: 2 });
  const worker = spawnCli(["worker", "--profile", profile], { DATABASE_URL: databaseUrl, ...env });
  try {
    await expect
      .poll(async () => (JSON.parse(await cli(["prelabel", "failures", "--dataset", "e2e-vl", "--json"])).failures as { state: string }[]).map((failure) => failure.state), { timeout: 30_000 })
      .toEqual(["failed"]);
  } finally {
    worker.child.kill("SIGTERM");
    await worker.exited;
    await guard.close();
  }

  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.getByRole("link", { name: "Pre-labels" }).click();
  const failure = page.getByTestId("prelabel-failure").filter({ hasText: "vl-refused" });
  await expect(failure).toContainText("GuardTrace-VL-3B e2e");
  await expect(failure).toContainText("out of retries · attempt 2 of 2");
  await expect(failure).toContainText('no "Judgment" line in the guard output');
  await failure.getByText("the guard's reply (first 4 KB)").click();
  // The reply is text: its markup is shown, never rendered.
  await expect(failure.locator("pre")).toHaveText(REFUSED_REPLY);
  await expect(failure.locator("pre b")).toHaveCount(0);

  const version = page.getByTestId("model-profile-row").filter({ hasText: "GuardTrace-VL-3B e2e" });
  await expect(version).toContainText("e2e-vl-profile");
  await version.getByText("e2e-vl-profile").click();
  await expect(version.locator("pre")).toHaveText(PROMPT);
  // The demo's pre-labels came with the import: no prompt is known for them.
  await expect(page.getByTestId("model-profile-row").filter({ hasText: "GuardTrace-VL-3B imported" })).toContainText("no prompt: a classifier, or imported pre-labels");
  await expect(page.getByRole("region", { name: "Exports and the current model's profile" })).toContainText("Current pre-label model: guardtrace-mini 1.0.0.");

  await page.getByRole("link", { name: "Exports", exact: true }).click();
  await expect(page.getByTestId("export-profile")).toContainText("Rows are written with the guard profile guardtrace-studio (built in)");
});
