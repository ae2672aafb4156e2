import fs from "node:fs";
import { expect, test } from "@playwright/test";
import type { DatasetStats } from "../../lib/stats/stats-types";
import { runCli } from "../support/run-cli";
import { E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;

test("the dashboard shows the same agreement figures as `gts stats --json`, and refreshes after a decision", async ({ page, request }) => {
  const { databaseUrl, adminToken } = state();
  const cli = await runCli(["stats", "--dataset", "demo", "--json"], { databaseUrl });
  expect(cli.code).toBe(0);
  const stats = JSON.parse(cli.stdout) as DatasetStats;

  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await page.goto("/dashboard?dataset=demo");
  await expect(page.getByTestId("alpha-nominal")).toHaveText(stats.judges.krippendorff_alpha.nominal!.toFixed(3));
  await expect(page.getByTestId("alpha-ordinal")).toHaveText(stats.judges.krippendorff_alpha.ordinal!.toFixed(3));
  await expect(page.getByTestId("alpha-interval")).toHaveText(stats.judges.krippendorff_alpha.interval!.toFixed(3));
  await expect(page.getByTestId("fleiss-kappa")).toHaveText(stats.judges.fleiss_kappa!.toFixed(3));
  const pair = stats.judges.pairwise[0]!;
  await expect(page.getByRole("table", { name: "Pairwise Cohen's kappa" })).toContainText(pair.cohen_kappa!.toFixed(3));
  await page.getByRole("tab", { name: "Image condition" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("jailbreak");

  const before = Number(await page.getByTestId("adjudicated").textContent());
  const claimed = await request.post("/api/v1/queue/claim", { headers: { authorization: `Bearer ${adminToken}` }, data: { dataset: "demo" } });
  const claim = (await claimed.json()) as { sample: { id: number; judges: { name: string }[] } };
  const decided = await request.post(`/api/v1/samples/${claim.sample.id}/adjudications`, {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { supports: claim.sample.judges[0]!.name },
  });
  expect(decided.status()).toBe(201);
  await expect(page.getByTestId("adjudicated")).toHaveText(String(before + 1), { timeout: 25_000 });
  // A handful of decisions give no median time worth reading.
  const admin = page.getByRole("table", { name: "Per expert" }).getByRole("row").filter({ hasText: E2E_USERS.admin.email });
  await expect(admin).toContainText(/too few \(\d\)/);
});

test("the dashboard streams its figures after the page, yet answers an unknown dataset with a 404", async ({ page }) => {
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  const missing = await page.goto("/dashboard?dataset=no-such-dataset");
  expect(missing?.status()).toBe(404);
  // The navigation is in the first bytes; the figures replace the pending notice when they arrive.
  const html = await (await page.request.get("/dashboard?dataset=demo")).text();
  expect(html.indexOf("Computing the agreement figures")).toBeGreaterThan(-1);
  expect(html.indexOf("Computing the agreement figures")).toBeLessThan(html.indexOf('data-testid="alpha-nominal"'));
  await page.goto("/dashboard?dataset=demo");
  await expect(page.getByTestId("alpha-nominal")).toBeVisible();
  await expect(page.getByText("Computing the agreement figures")).toHaveCount(0);
});
