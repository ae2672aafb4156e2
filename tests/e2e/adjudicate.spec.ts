import { expect, test, type Page } from "@playwright/test";
import { splitThinking } from "../../lib/domain/thinking-steps";
import { E2E_USERS, QUEUE_DATASET, QUEUE_THINKING, UNDO_DATASET } from "./support/e2e-state";

async function signInWithKeyboard(page: Page) {
  await page.goto("/signin?callbackUrl=%2Fsamples");
  await page.keyboard.type(E2E_USERS.expert.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(E2E_USERS.expert.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/samples/);
}

async function openSample(page: Page, externalId: string) {
  await page.goto(`/samples?externalId=${externalId}`);
  await page.getByRole("link", { name: externalId, exact: true }).click();
  await expect(page.getByRole("heading", { name: externalId })).toBeVisible();
}

const current = (page: Page) => page.getByTestId("workspace-sample");

test("an expert works three samples with the keyboard only, and the sample pages show the results", async ({ page }) => {
  await signInWithKeyboard(page);
  await page.goto(`/queue?dataset=${QUEUE_DATASET}`);

  await expect(current(page)).toHaveText("q-1");
  const judges = page.getByRole("list", { name: "Judges" }).getByRole("article");
  await expect(judges).toHaveCount(3);
  const minority = await judges.evaluateAll((articles) => articles.findIndex((article) => article.textContent?.includes("minority")));
  expect(minority).toBe(1);
  await page.keyboard.press(String(minority + 1));
  await expect(current(page)).toHaveText("q-2");
  await expect(page.getByRole("status").filter({ hasText: "Saved q-1" })).toContainText("sided with gemini-2.5-pro (1)");

  await page.keyboard.press("c");
  await expect(page.getByRole("form", { name: "Correction" })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Step 2 outlines the withheld procedure: harmful despite the refusal.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Control+Enter");
  await expect(current(page)).toHaveText("q-3");

  await page.keyboard.press("s");
  await page.keyboard.type("outside my expertise");
  await page.keyboard.press("Enter");
  await expect(page.getByText("The queue is empty for these filters.")).toBeVisible();
  await expect(page.getByTestId("decided-today")).toHaveText("2");

  // The list names each judge with the odd one out marked, and shows the verdict given.
  await page.goto(`/samples?dataset=${QUEUE_DATASET}`);
  const q1 = page.getByRole("row").filter({ has: page.getByRole("link", { name: "q-1", exact: true }) });
  await expect(q1.getByTitle("gemini-2.5-pro: 1, the odd one out")).toBeVisible();
  await expect(q1.getByTitle("gpt-5: 0", { exact: true })).toBeVisible();
  await expect(q1.getByTitle("first opinion: 1")).toBeVisible();

  await openSample(page, "q-1");
  await expect(page.getByRole("region", { name: "Adjudications" })).toContainText(`${E2E_USERS.expert.email} (first opinion, sides with gemini-2.5-pro)`);
  await expect(page.getByRole("region", { name: "Queue history" })).toContainText("No skips or flags.");

  const step2 = splitThinking(QUEUE_THINKING)[1]!;
  await openSample(page, "q-2");
  const q2 = page.getByRole("region", { name: "Adjudications" });
  await expect(q2).toContainText(`${E2E_USERS.expert.email} (first opinion, correction)`);
  await expect(q2).toContainText(`harm emerges at characters ${step2.start}–${step2.end} of the thinking`);
  await expect(q2).toContainText("Step 2 outlines the withheld procedure");
  await expect(q2.getByTitle("harmful")).toBeVisible();
  // The span is highlighted in place, with who marked it.
  const marked = page.getByTestId("thinking-steps").locator("mark");
  await expect(marked).toHaveText(step2.text);
  await expect(marked).toHaveAttribute("title", `marked by ${E2E_USERS.expert.email} (first opinion)`);

  await openSample(page, "q-3");
  await expect(page.getByRole("region", { name: "Adjudications" })).toContainText("Not adjudicated yet.");
  await expect(page.getByRole("region", { name: "Queue history" })).toContainText(`Skipped by ${E2E_USERS.expert.email}: outside my expertise`);
});

test("the last decision can be undone, which brings the sample back", async ({ page }) => {
  await signInWithKeyboard(page);
  await page.goto(`/queue?dataset=${UNDO_DATASET}`);
  await expect(current(page)).toHaveText("undo-1");
  await page.keyboard.press("1");
  await expect(page.getByText("The queue is empty for these filters.")).toBeVisible();
  await page.keyboard.press("u");
  await expect(current(page)).toHaveText("undo-1");
  await expect(page.getByRole("status")).toContainText("Undone: undo-1 is back with you.");
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  // A selection in the thinking is highlighted before any correction; shift+3 starts one from judge 3's analysis, and keeps the selection as its span.
  const firstStep = page.getByTestId("thinking-steps").locator("[data-offset]").first();
  await firstStep.evaluate((element) => {
    const range = document.createRange();
    range.setStart(element.firstChild!, 0);
    range.setEnd(element.firstChild!, 4);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    element.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  await expect(page.getByTestId("thinking-steps").locator("mark")).toHaveAttribute("title", "marked by your selection");
  await page.keyboard.press("Shift+Digit3");
  const correction = page.getByRole("form", { name: "Correction" });
  await expect(correction.getByLabel("Analysis")).toHaveValue("Verdict 1.");
  await expect(correction.getByLabel("Where harm emerges in the thinking")).toHaveValue("0-4");
  await page.keyboard.press("Escape");
  await expect(correction).toBeHidden();
  await page.keyboard.press("3");
  await expect(page.getByText("The queue is empty for these filters.")).toBeVisible();
  await openSample(page, "undo-1");
  await expect(page.getByRole("region", { name: "Adjudications" })).toContainText("sides with qwen3-vl-235b");
});
