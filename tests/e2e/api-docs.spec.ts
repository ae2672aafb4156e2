import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./support/e2e-state";
import { signIn } from "./support/session";

test("a signed-in user reads the API reference, served from the app alone under its CSP, and tries a route with their session", async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  const refused: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await signIn(page, E2E_USERS.expert.email, E2E_USERS.expert.password);
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  const reference = page.getByTestId("api-reference");
  // The document's own title, and an operation of each kind the app has.
  await expect(reference.getByText("GuardTrace Studio API")).toBeVisible();
  const claim = reference.locator(".opblock").filter({ hasText: "/api/v1/queue/claim" });
  await expect(claim).toHaveCount(1);
  await expect(reference.locator(".opblock").filter({ hasText: "/api/v1/exports/{id}/download" })).toHaveCount(1);

  // "Try it out" on the caller's own preferences: the expert's session answers, under their role.
  const viewing = reference.locator(".opblock-get").filter({ hasText: "/api/v1/account/viewing" });
  await viewing.locator(".opblock-summary").click();
  await viewing.getByRole("button", { name: "Try it out" }).click();
  await viewing.getByRole("button", { name: "Execute" }).click();
  const responses = viewing.locator(".live-responses-table");
  await expect(responses.locator("tr.response .response-col_status")).toHaveText("200");
  await expect(responses).toContainText('"revealImages": false');

  expect(elsewhere).toEqual([]);
  expect(refused).toEqual([]);
});

test("the API reference and its document need a signed-in user", async ({ page, request }) => {
  await page.goto("/api/docs");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fapi%2Fdocs/);
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(401);
});
