import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { tempDir } from "../support/fixtures";
import { runCli } from "../support/run-cli";
import { writeUpstreamRelease } from "../support/upstream-release";
import { E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const DATASET = "upstream-release";

async function importFile(page: Page, file: string, source: string, options: { skipInvalid?: boolean } = {}) {
  await page.getByLabel("File (JSONL, JSON array or Parquet)").setInputFiles(file);
  await page.getByLabel("Dataset").fill(DATASET);
  await page.getByLabel("Layout").selectOption("guardtrace");
  await page.getByLabel("Source (benchmark)").fill(source);
  if (options.skipInvalid) await page.getByLabel("Import the valid records and set the rest aside").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import queued" })).toBeVisible();
}

test("an admin imports the upstream release from the page, and the dashboard shows the paper's table for a guard's output", async ({ page }) => {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  const release = await writeUpstreamRelease(await tempDir("gts-e2e-release-"));
  const [seval, mmeval] = release.benchmarks;
  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { name: "Import samples" })).toBeVisible();

  // The Parquet shard, images embedded: the preview shows the mapping before anything is written.
  await page.getByLabel("File (JSONL, JSON array or Parquet)").setInputFiles(seval!.parquet);
  await page.getByLabel("Dataset").fill(DATASET);
  await page.getByLabel("Layout").selectOption("guardtrace");
  await page.getByLabel("Source (benchmark)").fill("S-Eval-VL");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview: the first records as they will be read" });
  await expect(preview.getByRole("row")).toHaveCount(6);
  await expect(preview).toContainText("seval_001.png (embedded,");
  await expect(preview).toContainText("reference 1");
  await expect(preview.getByRole("cell", { name: "ok", exact: true })).toHaveCount(5);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const newest = page.getByTestId("import-run").first();
  await expect(newest).toContainText("succeeded", { timeout: 30_000 });
  await expect(newest).toContainText("s-eval-vl.parquet");
  await expect(newest.getByRole("cell").nth(4)).toHaveText("5");

  // The JSON array of the other benchmark, into the same dataset.
  await importFile(page, mmeval!.file, "MM-Eval");
  await expect(page.getByTestId("import-run").first()).toContainText("succeeded", { timeout: 30_000 });

  // A broken record is set aside with its position and reason, and the rejects download.
  const broken = path.join(await tempDir(), "broken.json");
  fs.writeFileSync(broken, JSON.stringify([{ question: "Q?", thinking: "T", response: "A", image_name: "", evaluation_result: 0 }, { question: "", thinking: "T", response: "A", evaluation_result: 7 }]));
  await importFile(page, broken, "MM-Eval", { skipInvalid: true });
  const run = page.getByTestId("import-run").first();
  await expect(run).toContainText("succeeded", { timeout: 30_000 });
  await run.getByRole("button", { name: "Reasons" }).click();
  await expect(page.getByRole("list", { name: "Rejected records" })).toContainText("record 2: evaluation_result: must be 0, 0.5 or 1 (got 7)");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the rejects/ }).click();
  const rejects = fs.readFileSync(await (await download).path()!, "utf8").trim().split("\n").map((line) => JSON.parse(line));
  expect(rejects).toEqual([{ line: 2, reason: expect.stringContaining("evaluation_result"), record: expect.stringContaining('"evaluation_result":7') }]);

  // The guard's evaluation output, as the upstream script writes it, imported from the command line.
  const imported = await runCli(["prelabel", "import", release.evaluationOutput, "--dataset", DATASET, "--model", "GuardTrace-VL-3B", "--version", "release"], {
    databaseUrl: state.databaseUrl,
    env: { GTS_DATA_DIR: state.dataDir },
  });
  expect(imported.code, imported.stderr).toBe(0);

  await page.goto(`/dashboard?dataset=${DATASET}`);
  const table = page.getByRole("table", { name: "Against reference labels: F1 (harmful vs safe)" });
  await expect(table.getByRole("columnheader")).toHaveText(["Model", "MM-Eval", "S-Eval-VL", "Avg.", "n"]);
  await expect(table.getByRole("row").nth(1)).toHaveText(/GuardTrace-VL-3B release\s*100\.00\s*66\.67\s*83\.33\s*8/);
  await page.getByLabel("Figure").selectOption("accuracy");
  await expect(page.getByRole("table", { name: "Against reference labels: Accuracy (three levels)" }).getByRole("row").nth(1)).toContainText("40.00");
  const csv = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).first().click();
  expect(fs.readFileSync(await (await csv).path()!, "utf8")).toBe("model,version,MM-Eval,S-Eval-VL,average,n\r\nGuardTrace-VL-3B,release,100.00,40.00,70.00,8\r\n");

  // Reference samples are listed with their label and never queued.
  await page.goto(`/samples?dataset=${DATASET}&route=reference`);
  await expect(page.getByText("Showing 11 of 11")).toBeVisible();
  await expect(page.getByRole("cell", { name: "reference label" }).first()).toBeVisible();
});
