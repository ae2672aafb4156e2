import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./support/e2e-state";
import { signIn } from "./support/session";

test("pages carry a nonce CSP without inline scripts, and nothing the app runs violates it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/signin");
  const policy = response!.headers()["content-security-policy"]!;
  const scripts = policy.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scripts).not.toContain("unsafe-inline");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["referrer-policy"]).toBe("same-origin");
  // A viewer: visiting the queue as an expert would claim a sample and change what later tests see.
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  for (const path of ["/samples", "/dashboard?dataset=demo", "/queue", "/exports", "/prelabels", "/account"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
  const image = await page.request.get("/api/images/" + "0".repeat(64));
  expect(image.status()).toBe(404);
});
