import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { runCli } from "../support/run-cli";
import { STATE_FILE, type E2EState } from "./support/e2e-state";
import { AddressClient, requestFrom } from "./support/from-address";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;

/** A fresh viewer for one test, so that its failures and sessions touch nobody else. */
async function freshUser(name: string): Promise<{ email: string; password: string }> {
  const { databaseUrl, dataDir } = state();
  const user = { email: `${name}-${Date.now()}@security.test`, password: `${name}-password-1` };
  const added = await runCli(["user", "add", user.email, "--role", "viewer"], { databaseUrl, stdin: `${user.password}\n`, env: { GTS_DATA_DIR: dataDir } });
  expect(added.code, added.stderr).toBe(0);
  return user;
}

test.describe.configure({ mode: "serial" });

test("F1: a client that keeps failing is refused, the owner at another address is not", async () => {
  const owner = await freshUser("owner");
  const attacker = new AddressClient("127.0.0.2");
  for (let attempt = 0; attempt < 5; attempt += 1) expect(await attacker.signIn(owner.email, `guess-${attempt}`)).toBe("CredentialsSignin");
  expect(await attacker.signIn(owner.email, owner.password)).toMatch(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./);
  expect(await new AddressClient("127.0.0.3").signIn(owner.email, owner.password)).toBeNull();
});

test("F2: X-Forwarded-For neither resets nor escapes the per-address limit: the socket's address counts", async () => {
  const target = await freshUser("sprayed");
  const sprayer = new AddressClient("127.0.0.4");
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const forged: Record<string, string> = attempt % 2 === 0 ? { "x-forwarded-for": `198.51.100.${attempt}` } : {};
    const { csrfToken } = JSON.parse((await sprayer.send("GET", "/api/auth/csrf")).text) as { csrfToken: string };
    await sprayer.send("POST", "/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded", ...forged },
      body: new URLSearchParams({ csrfToken, email: `nobody-${attempt}@security.test`, password: "Spring2026!", json: "true" }).toString(),
    });
  }
  expect(await sprayer.signIn(target.email, target.password)).toMatch(/Too many failed sign-in attempts/);
  // A client that sends the header itself is not trusted with it: the client writing it is the same socket.
  const forger = new AddressClient("127.0.0.4");
  const { csrfToken } = JSON.parse((await forger.send("GET", "/api/auth/csrf", { headers: { "x-forwarded-for": "203.0.113.9", "x-gts-client-address": "203.0.113.9" } })).text) as { csrfToken: string };
  const forged = await forger.send("POST", "/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.9", "x-gts-client-address": "203.0.113.9" },
    body: new URLSearchParams({ csrfToken, email: target.email, password: target.password, json: "true" }).toString(),
  });
  expect(new URL((JSON.parse(forged.text) as { url: string }).url).searchParams.get("error")).toMatch(/Too many failed sign-in attempts/);
  expect(await new AddressClient("127.0.0.5").signIn(target.email, target.password)).toBeNull();
});

test("F10: guesses of the current password are limited like sign-ins", async () => {
  const user = await freshUser("guessed");
  const client = new AddressClient("127.0.0.6");
  expect(await client.signIn(user.email, user.password)).toBeNull();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    expect((await client.api("POST", "/api/v1/account/password", { current: `guess-${attempt}`, next: "a-brand-new-password" })).status).toBe(422);
  }
  const refused = await client.api("POST", "/api/v1/account/password", { current: user.password, next: "a-brand-new-password" });
  expect(refused.status).toBe(429);
  expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "rate_limited" } });
});

test("F3, F8: every post-sign-in redirect stays on the app's origin, and a malformed one is no 500", async ({ page, baseURL }) => {
  const user = await freshUser("redirected");
  const client = new AddressClient("127.0.0.7");
  expect(await client.signIn(user.email, user.password)).toBeNull();
  for (const target of ["/%5Cevil.example/", "/%09/evil.example/", "//evil.example/", "https://evil.example/", "javascript:alert(1)", "http://["]) {
    const signedIn = await client.send("GET", `/signin?callbackUrl=${target}`);
    expect(signedIn.status, target).toBe(307);
    expect(new URL(signedIn.headers.location!, baseURL).origin, target).toBe(new URL(baseURL!).origin);
    for (const path of [`/api/auth/signin?callbackUrl=${encodeURIComponent(target)}`, `/api/auth/signin/credentials?callbackUrl=${encodeURIComponent(target)}`]) {
      const answer = await new AddressClient("127.0.0.8").send("GET", path);
      expect(answer.status, path).toBeLessThan(500);
      if (answer.headers.location) expect(new URL(answer.headers.location, baseURL).origin, path).toBe(new URL(baseURL!).origin);
    }
  }
  // After the form: the browser must land on the app, never on the other host.
  const left: string[] = [];
  await page.route((url) => url.hostname === "evil.example", (route) => {
    left.push(route.request().url());
    return route.abort();
  });
  await page.goto("/signin?callbackUrl=/%5Cevil.example/");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/samples/);
  expect(left).toEqual([]);
});

test("F4: a write on the session cookie must be JSON from the app's own origin; Bearer calls are exempt", async () => {
  const user = await freshUser("forged");
  const victim = new AddressClient("127.0.0.9");
  expect(await victim.signIn(user.email, user.password)).toBeNull();
  const body = JSON.stringify({ name: "planted" });
  const crossSite: Record<string, string>[] = [
    { "content-type": "text/plain", origin: "http://127.0.0.1:1" },
    { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:1" },
    { "content-type": "application/json", origin: "http://127.0.0.1:1" },
    { "content-type": "text/plain" },
    { "content-type": "application/json" },
    { "content-type": "application/json", "sec-fetch-site": "same-site" },
  ];
  for (const headers of crossSite) {
    const answer = await victim.send("POST", "/api/v1/tokens", { headers, body });
    expect(answer.status, JSON.stringify(headers)).toBe(403);
    expect(JSON.parse(answer.text), JSON.stringify(headers)).toMatchObject({ error: { code: "cross_site_request" } });
  }
  expect((await victim.send("POST", "/api/v1/tokens", { headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, body })).status).toBe(201);
  expect((await victim.api("POST", "/api/v1/tokens", { name: "own page" })).status).toBe(201);
  const bearer = await requestFrom("127.0.0.9", "POST", "/api/v1/tokens", { headers: { authorization: `Bearer ${state().viewerToken}`, "content-type": "text/plain" }, body: "{}" });
  expect(bearer.status).toBe(422);
});

test("F6: sign-out, a password change, sign-out everywhere and disabling each end sessions on the server", async () => {
  const user = await freshUser("sessions");
  const first = new AddressClient("127.0.0.10");
  expect(await first.signIn(user.email, user.password)).toBeNull();
  const stolen = first.copyTo("127.0.0.11");
  expect((await stolen.api("GET", "/api/v1/tokens")).status).toBe(200);
  await first.signOut();
  expect((await stolen.api("GET", "/api/v1/tokens")).status).toBe(401);

  const laptop = new AddressClient("127.0.0.10");
  const phone = new AddressClient("127.0.0.12");
  expect(await laptop.signIn(user.email, user.password)).toBeNull();
  expect(await phone.signIn(user.email, user.password)).toBeNull();
  expect((await laptop.api("POST", "/api/v1/account/password", { current: user.password, next: "sessions-password-2" })).status).toBe(200);
  expect((await phone.api("GET", "/api/v1/tokens")).status).toBe(401);
  expect((await laptop.api("GET", "/api/v1/tokens")).status).toBe(200);

  const tablet = new AddressClient("127.0.0.12");
  expect(await tablet.signIn(user.email, "sessions-password-2")).toBeNull();
  expect(JSON.parse((await laptop.api("DELETE", "/api/v1/account/sessions")).text)).toEqual({ ended: 2 });
  expect((await laptop.api("GET", "/api/v1/tokens")).status).toBe(401);
  expect((await tablet.api("GET", "/api/v1/tokens")).status).toBe(401);

  const last = new AddressClient("127.0.0.13");
  expect(await last.signIn(user.email, "sessions-password-2")).toBeNull();
  const users = JSON.parse((await requestFrom("127.0.0.13", "GET", "/api/v1/users", { headers: { authorization: `Bearer ${state().adminToken}` } })).text) as { items: { id: string; email: string }[] };
  const id = users.items.find((candidate) => candidate.email === user.email)!.id;
  const disabled = await requestFrom("127.0.0.13", "PATCH", `/api/v1/users/${id}`, { headers: { authorization: `Bearer ${state().adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ disabled: true }) });
  expect(disabled.status).toBe(200);
  expect((await last.api("GET", "/api/v1/tokens")).status).toBe(401);
});

test("F7: NUL, lone surrogates and broken percent-encoding are a 422 with the field, or a 404 for a path", async () => {
  const admin = { authorization: `Bearer ${state().adminToken}` };
  const get = (path: string) => requestFrom("127.0.0.14", "GET", path, { headers: admin });
  for (const [path, field] of [["/api/v1/samples?dataset=%00", "dataset"], ["/api/v1/stats?dataset=%00", "dataset"], ["/api/v1/samples?dataset=%ED%A0%80", "dataset"], ["/api/v1/samples?q=%E0%A4%A", "q"], ["/samples?dataset=%00", "dataset"]] as const) {
    const answer = await get(path);
    expect(answer.status, path).toBe(422);
    expect(JSON.parse(answer.text).error.fields, path).toHaveProperty(field);
  }
  for (const path of ["/api/v1/datasets/%E0%A4%A", "/api/v1/samples/%00", "/samples/%ED%A0%80"]) expect((await get(path)).status, path).toBe(404);
  for (const name of ["a\u0000b", "a\ud800b"]) {
    const answer = await requestFrom("127.0.0.14", "POST", "/api/v1/tokens", { headers: { ...admin, "content-type": "application/json" }, body: `{"name":${JSON.stringify(name).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}}` });
    expect(answer.status, JSON.stringify(name)).toBe(422);
    expect(JSON.parse(answer.text).error.fields).toHaveProperty("name");
  }
  const patched = await requestFrom("127.0.0.14", "PATCH", "/api/v1/datasets/%E0%A4%A", { headers: { ...admin, "content-type": "application/json" }, body: "{}" });
  expect(patched.status).toBe(404);
});

test("F9: an anonymous body is not read: 401 before any word about the JSON", async () => {
  for (const body of ["{", "x".repeat(2 * 1024 * 1024), '{"name":"a"}']) {
    const answer = await requestFrom("127.0.0.15", "POST", "/api/v1/tokens", { headers: { "content-type": "application/json" }, body });
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain("JSON");
  }
});

test("F5: gts serve listens on loopback only unless HOST is set", async () => {
  const { databaseUrl, dataDir } = state();
  const port = 3400 + Math.floor(Math.random() * 100);
  const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "serve", "--no-worker", "--port", String(port)], {
    env: { ...withoutHost(), DATABASE_URL: databaseUrl, GTS_DATA_DIR: dataDir },
    stdio: "ignore",
    detached: true,
  });
  try {
    await expect.poll(() => reachable("127.0.0.1", port), { timeout: 60_000 }).toBe(true);
    // Bound to 127.0.0.1, not to every interface: another address of this machine finds nobody listening.
    expect(await reachable("127.0.0.2", port)).toBe(false);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});

function withoutHost(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.HOST;
  return env;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
