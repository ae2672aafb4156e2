import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_USERS, HOSTILE_ID, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

test("a wrong password is refused with a message, the right one signs in", async ({ page }) => {
  await page.goto("/samples");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(E2E_USERS.viewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/Email or password is wrong/);
  await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/samples/);
  await expect(page.getByRole("heading", { name: "Samples" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(`${E2E_USERS.viewer.email} · viewer`);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/samples");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("filters the list, then opens a sample with an image and zooms it", async ({ page }) => {
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await page.getByLabel("Dataset").selectOption("demo");
  await page.getByLabel("Category").selectOption("health");
  await page.getByLabel("Route").selectOption("no_majority");
  await page.getByLabel("Image", { exact: true }).selectOption("jailbreak");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/category=health/);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    await expect(rows.nth(index)).toContainText("health");
    await expect(rows.nth(index)).toContainText("no majority");
    await expect(rows.nth(index)).toContainText("jailbreak");
  }
  await expect(page.getByText(`Showing ${count} of ${count}`)).toBeVisible();

  await rows.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/samples\/\d+$/);
  // Blurred first (docs/safe-viewing.md): a click reveals it, the next opens the full-size view.
  await page.getByRole("button", { name: "Reveal image (v)" }).click();
  const image = page.getByRole("img", { name: /Image of sample/ }).first();
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole("article", { name: /Judge / })).toHaveCount(3);
  await expect(page.getByTestId("thinking-steps").locator("li").first()).toBeVisible();
  await page.getByRole("button", { name: "Zoom image" }).click();
  const dialog = page.getByRole("dialog", { name: "Image, full size" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("a trace holding <script> shows as text and never runs", async ({ page }) => {
  const errors: string[] = [];
  page.on("dialog", (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await page.goto(`/samples?externalId=${HOSTILE_ID}`);
  await page.getByRole("link", { name: HOSTILE_ID }).click();
  const steps = page.getByTestId("thinking-steps");
  await expect(steps).toContainText('<script>window.__pwned = "script"</script>');
  await expect(steps).toContainText("<img src=x onerror=");
  await expect(page.getByTestId("question")).toContainText("<b>Is this bold?</b>");
  await expect(page.getByRole("article", { name: "Judge gpt-5" })).toContainText("<script>window.__pwned = 'judge'</script>");
  await expect(page.locator("main script, main img[src='x'], main iframe, main b")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test("the API answers 401 without credentials and serves a bearer token", async ({ request }) => {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  expect((await request.get("/api/v1/samples")).status()).toBe(401);
  expect((await request.get("/api/v1/samples", { headers: { authorization: "Bearer gts_forged" } })).status()).toBe(401);
  const listed = await request.get(`/api/v1/samples?externalId=${HOSTILE_ID}`, { headers: { authorization: `Bearer ${state.adminToken}` } });
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { items: { id: number; externalId: string }[]; nextCursor: number | null };
  expect(body.items.map((item) => item.externalId)).toEqual([HOSTILE_ID]);
  const one = await request.get(`/api/v1/samples/${body.items[0]!.id}`, { headers: { authorization: `Bearer ${state.adminToken}` } });
  expect(await one.json()).toMatchObject({ externalId: HOSTILE_ID, judges: [{ name: "gpt-5", judgment: 0.5 }], adjudications: [] });
  expect((await request.get("/api/v1/samples/abc", { headers: { authorization: `Bearer ${state.adminToken}` } })).status()).toBe(422);
  const image = await request.get(`/api/images/${"0".repeat(64)}`);
  expect(image.status()).toBe(401);
});

test("a dashboard drill-down's filters show as chips and in the form, Apply keeps them, and a chip removes just its own", async ({ page }) => {
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  // The filters a dashboard link sets: the minority judge of a split, and the experts' verdict.
  await page.goto("/samples?dataset=demo&minorityJudge=gpt-5&expertJudgment=1");
  const chips = page.getByRole("list", { name: "Active filters" }).getByRole("listitem");
  await expect(chips).toHaveText(["dataset: demo×", "odd one out: gpt-5×", "expert said: 1×"]);
  const form = page.getByRole("form", { name: "Filter samples" });
  await expect(form.getByLabel("Odd one out", { exact: true })).toHaveValue("gpt-5");
  await expect(form.getByLabel("Expert said", { exact: true })).toHaveValue("1");
  await form.getByLabel("Category", { exact: true }).selectOption("crime");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/minorityJudge=gpt-5/);
  await expect(page).toHaveURL(/expertJudgment=1/);
  await expect(page).toHaveURL(/category=crime/);
  await page.getByRole("link", { name: "Remove the filter odd one out" }).click();
  await expect(page).not.toHaveURL(/minorityJudge/);
  await expect(chips).toHaveText(["dataset: demo×", "category: crime×", "expert said: 1×"]);
});

test("every dashboard link to the sample list shows all its filters, as chips and in the form, and Apply keeps them", async ({ page }) => {
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await page.goto("/dashboard?dataset=demo");
  await expect(page.getByTestId("alpha-nominal")).toBeVisible();
  const hrefs = [...new Set(await page.locator('a[href^="/samples?"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")!)))];
  expect(hrefs.length).toBeGreaterThan(10);
  for (const href of hrefs) {
    await page.goto(href);
    const params = [...new URL(href, "http://x").searchParams.entries()];
    const chips = page.getByRole("list", { name: "Active filters" }).getByRole("listitem");
    await expect(chips, href).toHaveCount(params.length);
    for (const [, value] of params) {
      const times = params.filter(([, other]) => other === value).length;
      await expect(chips.filter({ hasText: `: ${value}×` }), `${href}: ${value}`).toHaveCount(times);
    }
    await page.getByRole("form", { name: "Filter samples" }).getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.pathname === "/samples" && url.search !== new URL(href, "http://x").search);
    const kept = new URL(page.url()).searchParams;
    for (const [key, value] of params) expect(kept.get(key), `${href}: ${key}`).toBe(value);
  }
});
