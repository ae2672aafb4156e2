import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { tempDir } from "../support/fixtures";
import { readZip } from "../support/read-zip";
import { trlPreferenceRow } from "../support/training-row-schemas";
import { E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

test("an admin exports OGDPO pairs in one click and downloads the zip", async ({ page, request }) => {
  // One decision of its own, so that there is an OGDPO pair whichever specs ran before.
  const auth = { authorization: `Bearer ${(JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState).adminToken}` };
  const claimed = (await (await request.post("/api/v1/queue/claim", { headers: auth, data: { dataset: "demo" } })).json()) as { sample: { id: number } };
  const decided = await request.post(`/api/v1/samples/${claimed.sample.id}/adjudications`, { headers: auth, data: { judgment: 1, analysis: "The trace outlines the method." } });
  expect(decided.status()).toBe(201);
  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.getByRole("link", { name: "Exports" }).click();
  await expect(page.getByRole("heading", { name: "Export training data" })).toBeVisible();
  await page.getByLabel("Kind").selectOption("ogdpo");
  await page.getByLabel("Format").selectOption("trl");
  await expect(page.getByTestId("export-preview")).toHaveText(/^OGDPO [1-9]\d* pairs( from [1-9]\d* samples)?$/);
  await page.getByLabel("Test share").fill("1.5");
  await expect(page.getByTestId("export-preview")).toContainText("Fix: Test share must be below 1");
  // In the page's own words, never the validator's ("expected number, received NaN").
  await page.getByLabel("Test share").fill("a tenth");
  await expect(page.getByTestId("export-preview")).toHaveText("Fix: Test share must be a number");
  await expect(page.getByRole("button", { name: "Export" })).toBeDisabled();
  await page.getByLabel("Test share").fill("");
  await page.getByRole("button", { name: "Export" }).click();

  const row = page.getByTestId("export-row").first();
  await expect(row).toContainText("ogdpo");
  await expect(row.getByRole("link", { name: "Download zip" })).toBeVisible({ timeout: 30_000 });
  await page.reload();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-row").first().getByRole("link", { name: "Download zip" }).click();
  const file = path.join(await tempDir(), "bundle.zip");
  await (await download).saveAs(file);

  const entries = await readZip(file);
  const manifest = JSON.parse(entries.get("manifest.json")!.toString());
  expect(manifest).toMatchObject({ kind: "ogdpo", format: "trl" });
  const rows = entries.get("data.jsonl")!.toString().trim().split("\n").map((line) => JSON.parse(line));
  expect(rows.length).toBe(manifest.counts.ogdpo.rows);
  expect(rows.length).toBeGreaterThan(0);
  for (const item of rows) expect(trlPreferenceRow.safeParse(item).success).toBe(true);
});
