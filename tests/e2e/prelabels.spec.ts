import { expect, test } from "@playwright/test";
import { E2E_USERS, QUEUE_DATASET } from "./support/e2e-state";
import { signIn } from "./support/session";

test("an admin queues a pre-label run from the UI; the worker labels it and the sample shows the probabilities", async ({ page }) => {
  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.getByRole("link", { name: "Pre-labels" }).click();
  await expect(page.getByRole("heading", { name: "Guard pre-labels" })).toBeVisible();
  await page.getByLabel("Dataset").selectOption(QUEUE_DATASET);
  await page.getByRole("button", { name: "Queue pre-labels for what lacks them" }).click();
  await expect(page.getByRole("form", { name: "Queue a pre-label run" }).getByRole("status")).toHaveText("Queued 3 job(s) for guardtrace-mini 1.0.0.");
  const row = page.getByRole("row").filter({ hasText: QUEUE_DATASET }).filter({ hasText: "guardtrace-mini 1.0.0" });
  await expect(row).toContainText("3 / 3", { timeout: 30_000 });

  await page.goto(`/samples?externalId=q-1`);
  await page.getByRole("link", { name: "q-1", exact: true }).click();
  const prelabel = page.getByRole("region", { name: "Guard pre-label" });
  await expect(prelabel).toContainText("guardtrace-mini 1.0.0");
  await expect(prelabel).toContainText("potentially harmful");
  await expect(prelabel.getByText(/^0\.\d{3}$/).first()).toBeVisible();
});
