import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./support/e2e-state";
import { signIn } from "./support/session";

test("an admin reads a sample's audit trail, filters it, and exports it as JSONL", async ({ page }) => {
  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.goto("/samples?externalId=q-2");
  await page.getByRole("link", { name: "q-2", exact: true }).click();
  await page.getByRole("link", { name: "Audit trail of this sample" }).click();
  const table = page.getByRole("table");
  await expect(table).toContainText("adjudication.correction");
  await expect(table).toContainText(E2E_USERS.expert.email);
  // The sample by its external id and dataset, not its row number; the change field by field.
  await expect(table.getByRole("link", { name: "q-2 (e2e-queue)" }).first()).toBeVisible();
  await expect(table.locator("dl").first().locator("dt").first()).not.toBeEmpty();

  await page.goto("/admin/audit");
  await page.getByLabel("Action").fill("user.create");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=user\.create/);
  const rows = table.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  for (const text of await rows.allTextContents()) expect(text).toContain("user.create");
  const created = rows.filter({ hasText: E2E_USERS.viewer.email }).first();
  // Field by field (stored as jsonb, which orders the keys its own way): the role it was created with.
  await expect(created.locator("dt", { hasText: /^email$/ })).toBeVisible();
  await expect(created.locator("dt:text-is('role') + dd")).toHaveText("viewer");

  const href = await page.getByRole("link", { name: "Export JSONL" }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as { action: string; actor: string; at: string });
  expect(lines.length).toBeGreaterThanOrEqual(5);
  expect(new Set(lines.map((line) => line.action))).toEqual(new Set(["user.create"]));
  expect(lines.map((line) => line.actor)).toContain("cli");
});
