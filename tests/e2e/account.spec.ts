import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./support/e2e-state";
import { signIn } from "./support/session";

test("a user creates and revokes an API token, and changes their password", async ({ page, request }) => {
  await signIn(page, E2E_USERS.expert.email, E2E_USERS.expert.password);
  await page.getByRole("link", { name: /expert@e2e\.test/ }).click();
  // The forms check with the server's own schemas before they send.
  const sent: string[] = [];
  page.on("request", (request) => request.method() === "POST" && sent.push(new URL(request.url()).pathname));
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("region", { name: "API tokens" }).getByRole("status")).toHaveText("token name: name the token");
  await page.getByLabel("Current password").fill("anything");
  await page.getByLabel("New password (10+ characters)").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("form", { name: "Change password" }).getByRole("status")).toHaveText("new password must be at least 10 characters");
  expect(sent).toEqual([]);
  await page.getByLabel("Token name").fill("notebook");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^gts_/);
  expect((await request.get("/api/v1/samples?limit=1", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  await page.getByRole("button", { name: "Revoke notebook" }).click();
  await expect(page.getByRole("row").filter({ hasText: "notebook" })).toContainText("revoked");
  expect((await request.get("/api/v1/samples?limit=1", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

  await page.getByLabel("Current password").fill("wrong-password");
  await page.getByLabel("New password (10+ characters)").fill("expert-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("form", { name: "Change password" }).getByRole("status")).toHaveText("current is not your current password");
  await page.getByLabel("Current password").fill(E2E_USERS.expert.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("form", { name: "Change password" }).getByRole("status")).toHaveText("Password changed.");
  // Put it back for the other tests.
  await page.getByLabel("Current password").fill("expert-password-2");
  await page.getByLabel("New password (10+ characters)").fill(E2E_USERS.expert.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("form", { name: "Change password" }).getByRole("status")).toHaveText("Password changed.");
});

test("an admin disables a user, who can then no longer sign in", async ({ page, browser }) => {
  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: `Disable ${E2E_USERS.disposable.email}` }).click();
  // It asks first; Cancel, the focused answer, changes nothing.
  const confirm = page.getByRole("dialog", { name: "Confirm" });
  await expect(confirm).toContainText(`Disable ${E2E_USERS.disposable.email}?`);
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: `Disable ${E2E_USERS.disposable.email}` })).toBeVisible();
  await page.getByRole("button", { name: `Disable ${E2E_USERS.disposable.email}` }).click();
  await confirm.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: `Enable ${E2E_USERS.disposable.email}` })).toBeVisible();
  const other = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await other.goto("/signin");
  await other.getByLabel("Email").fill(E2E_USERS.disposable.email);
  await other.getByLabel("Password").fill(E2E_USERS.disposable.password);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/wrong, or the account is disabled/);
  await other.close();
});

test("repeated wrong passwords lock the account for a while, with a clear message", async ({ page }) => {
  await page.goto("/signin");
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.getByLabel("Email").fill(E2E_USERS.locked.email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/wrong/);
  }
  await page.getByLabel("Password").fill(E2E_USERS.locked.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./);
});

test("sign out everywhere ends this browser's session and every other one", async ({ page, browser }) => {
  const other = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signIn(other, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await signIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Sessions" })).toContainText(/You have \d+ active sessions/);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await other.goto("/account");
  await expect(other).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
  await other.close();
});

test("an admin invites a user with a one-time link, confirms a role change, and the link works once", async ({ page, browser }) => {
  await signIn(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await page.goto("/admin/users");
  const invite = page.getByRole("form", { name: "Invite a user" });
  await invite.getByLabel("Email").fill("invited@e2e.test");
  await invite.getByLabel("Role").selectOption("expert");
  await invite.getByRole("button", { name: "Invite" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const invitePath = new URL(await link.inputValue()).pathname;

  const role = page.getByLabel("Role of invited@e2e.test");
  await expect(role).toHaveValue("expert");
  await role.selectOption("viewer");
  const confirm = page.getByRole("dialog", { name: "Confirm" });
  await expect(confirm).toContainText("Change invited@e2e.test from expert to viewer?");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(role).toHaveValue("expert");

  const guest = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await guest.goto(invitePath);
  await expect(guest.getByText("You are invited as invited@e2e.test")).toBeVisible();
  await guest.getByLabel("Password", { exact: true }).fill("an invited password");
  await guest.getByLabel("Password again").fill("an invited password");
  await guest.getByRole("button", { name: "Set password" }).click();
  await guest.getByRole("link", { name: "Sign in as invited@e2e.test" }).click();
  await guest.getByLabel("Email").fill("invited@e2e.test");
  await guest.getByLabel("Password").fill("an invited password");
  await guest.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(guest).toHaveURL(/\/samples/);
  await guest.goto(invitePath);
  await expect(guest.getByText("This invitation link is not valid")).toBeVisible();
});
