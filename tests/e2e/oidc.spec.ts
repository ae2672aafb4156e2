import { spawn } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { webServerArgs } from "../../lib/http/web-server-args";
import { E2E_USERS, OIDC_PORT, OIDC_WRONG_SECRET_APP_PORT, STATE_FILE, type E2EState } from "./support/e2e-state";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;

/** Through the app's button, the provider's login page (any login name) and its consent page. */
async function signInWithProvider(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function usersNamed(request: import("@playwright/test").APIRequestContext, email: string) {
  const answer = await request.get("/api/v1/users", { headers: { authorization: `Bearer ${state().adminToken}` } });
  return ((await answer.json()) as { items: { id: string; email: string; role: string; disabled: boolean }[] }).items.filter((user) => user.email === email);
}

test.describe.configure({ mode: "serial" });
const login = `oidc-${Date.now()}`;
const email = `${login}@oidc.test`;

test("a first sign-in through a real OpenID Connect provider creates a viewer; the second links to the same user", async ({ browser, request }) => {
  const first = await browser.newPage();
  await signInWithProvider(first, login);
  await expect(first).toHaveURL(/\/samples/);
  const created = await usersNamed(request, email);
  expect(created).toEqual([expect.objectContaining({ role: "viewer", disabled: false })]);
  await first.close();

  const second = await browser.newPage();
  await signInWithProvider(second, login);
  await expect(second).toHaveURL(/\/samples/);
  expect(await usersNamed(request, email)).toEqual(created);
  await second.close();
});

test("a disabled user is refused at the provider's return, with the reason", async ({ page, request }) => {
  const [user] = await usersNamed(request, email);
  const disabled = await request.patch(`/api/v1/users/${user!.id}`, { headers: { authorization: `Bearer ${state().adminToken}` }, data: { disabled: true } });
  expect(disabled.status()).toBe(200);
  await signInWithProvider(page, login);
  await expect(page).toHaveURL(/\/signin\?.*error=AccessDenied/);
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/This account may not sign in: it is disabled/);
  // The error in this page's address must not stick to a good password signed in from it.
  await page.getByLabel("Email").fill(E2E_USERS.viewer.email);
  await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/samples/);
});

test("an app holding the wrong client secret fails with a clear message", async ({ browser }) => {
  const { databaseUrl, dataDir } = state();
  const base = `http://127.0.0.1:${OIDC_WRONG_SECRET_APP_PORT}`;
  const server = spawn(process.execPath, webServerArgs({ port: OIDC_WRONG_SECRET_APP_PORT, host: "127.0.0.1" }), {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      GTS_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: "another-secret-for-the-misconfigured-app",
      NEXTAUTH_URL: base,
      NEXT_TELEMETRY_DISABLED: "1",
      OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
      OIDC_CLIENT_ID: "guardtrace-e2e",
      OIDC_CLIENT_SECRET: "not-the-secret-the-provider-knows",
      OIDC_NAME: "Test IdP",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await expect.poll(() => fetch(`${base}/signin`).then((answer) => answer.status, () => 0), { timeout: 60_000 }).toBe(200);
    const page = await browser.newPage({ baseURL: base });
    await signInWithProvider(page, `${login}-misconfigured`);
    await expect(page).toHaveURL(/\/signin\?.*error=OAuthCallback/);
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/Single sign-on did not complete: the identity provider refused the app's credentials/);
    await page.close();
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});
