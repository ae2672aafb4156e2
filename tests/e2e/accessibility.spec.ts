import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { e2eQuery as query, gts as cli } from "./support/e2e-data";
import { E2E_USERS } from "./support/e2e-state";
import { inventory } from "./support/route-inventory";
import { signIn } from "./support/session";

const DATASET = "e2e-a11y";
const EXPERT = { email: "a11y-expert@e2e.test", password: "a11y-expert-password" };

type Who = "anonymous" | "admin" | "expert";
/** Every page, as the caller who sees the most of it; `/` only redirects. */
const PAGES: Record<string, { path: (sampleId: number) => string; as: Who } | "redirect"> = {
  "PAGE /": "redirect",
  "PAGE /signin": { path: () => "/signin", as: "anonymous" },
  "PAGE /invite/[token]": { path: () => "/invite/not-a-token", as: "anonymous" },
  "PAGE /samples": { path: () => "/samples?dataset=demo", as: "admin" },
  "PAGE /samples/[id]": { path: (id) => `/samples/${id}`, as: "admin" },
  "PAGE /dashboard": { path: () => "/dashboard?dataset=demo", as: "admin" },
  "PAGE /prelabels": { path: () => "/prelabels", as: "admin" },
  "PAGE /imports": { path: () => "/imports", as: "admin" },
  "PAGE /exports": { path: () => "/exports", as: "admin" },
  "PAGE /queue": { path: () => `/queue?dataset=${DATASET}`, as: "expert" },
  "PAGE /inbox": { path: () => "/inbox", as: "admin" },
  "PAGE /account": { path: () => "/account", as: "admin" },
  "PAGE /admin/users": { path: () => "/admin/users", as: "admin" },
  "PAGE /admin/audit": { path: () => "/admin/audit", as: "admin" },
  "PAGE /api/docs": { path: () => "/api/docs", as: "admin" },
};

/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now, each with where it is. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(", ")}`);
}

let sampleId: number;

test.beforeAll(async () => {
  // Idempotent: a failed test restarts the worker, which runs this again.
  if ((await query(`SELECT 1 FROM users WHERE email = $1`, [EXPERT.email])).length === 0) {
    const judges = [0, 1, 0.5].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
    await cli(["import", await writeJsonl(await tempDir(), "a11y.jsonl", [sampleLine("a11y-1", { judges }), sampleLine("a11y-2", { judges })]), "--dataset", DATASET]);
    await cli(["user", "add", EXPERT.email, "--role", "expert"], `${EXPERT.password}\n`);
  }
  sampleId = (await query<{ id: number }>(`SELECT s.id FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'demo' AND s.image_sha256 IS NOT NULL ORDER BY s.id LIMIT 1`))[0]!.id;
});

test("every page is in the audit", () => {
  expect(inventory().filter((route) => route.startsWith("PAGE ")).sort()).toEqual(Object.keys(PAGES).sort());
});

for (const [route, entry] of Object.entries(PAGES)) {
  if (entry === "redirect") continue;
  test(`${route} has no serious or critical accessibility violation`, async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    if (entry.as === "admin") await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
    if (entry.as === "expert") await signIn(page, EXPERT.email, EXPERT.password);
    await page.goto(entry.path(sampleId));
    await page.waitForLoadState("networkidle");
    expect(await violations(page)).toEqual([]);
  });
}

test("the workspace's forms, sheets and narrow layout have no serious or critical violation either", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, EXPERT.email, EXPERT.password);
  await page.goto(`/queue?dataset=${DATASET}`);
  await expect(page.getByTestId("workspace-sample")).toBeVisible();
  await page.keyboard.press("c");
  await expect(page.getByRole("form", { name: "Correction" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await violations(page)).toEqual([]);
});
