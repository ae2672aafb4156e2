import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { inventory } from "./support/route-inventory";
import { STATE_FILE, type E2EState } from "./support/e2e-state";
import { requestFrom } from "./support/from-address";

type Caller = "anonymous" | "forged" | "viewer" | "expert" | "admin";
const CALLERS: Caller[] = ["anonymous", "forged", "viewer", "expert", "admin"];
type Statuses = Record<Caller, number>;

const ANY_ROLE = (ok: number): Statuses => ({ anonymous: 401, forged: 401, viewer: ok, expert: ok, admin: ok });
const EXPERTS = (ok: number): Statuses => ({ anonymous: 401, forged: 401, viewer: 403, expert: ok, admin: ok });
const ADMINS = (ok: number): Statuses => ({ anonymous: 401, forged: 401, viewer: 403, expert: 403, admin: ok });
const PAGE = (viewer = 200): Statuses => ({ anonymous: 307, forged: 307, viewer, expert: 200, admin: 200 });
const PUBLIC = (status: number): Statuses => ({ anonymous: status, forged: status, viewer: status, expert: status, admin: status });

type Entry = { path: (ids: Ids) => string; body?: unknown; expect: Statuses };
type Ids = { sample: number; image: string };

const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

/**
 * The documented status of every route for every kind of caller. Requests are chosen to change
 * nothing: no lease is held, datasets and exports do not exist, bodies are refused after the role check.
 */
const MATRIX: Record<string, Entry> = {
  "GET /api/auth/[...nextauth]": { path: () => "/api/auth/providers", expect: PUBLIC(200) },
  "POST /api/auth/[...nextauth]": { path: () => "/api/auth/callback/credentials", body: {}, expect: PUBLIC(302) },
  "GET /api/images/[sha]": { path: (ids) => `/api/images/${ids.image}`, expect: ANY_ROLE(200) },
  "GET /api/v1/dashboard": { path: () => "/api/v1/dashboard?dataset=demo", expect: ANY_ROLE(200) },
  "PATCH /api/v1/datasets/[name]": { path: () => "/api/v1/datasets/no-such-dataset", body: { auditShare: 0.1 }, expect: ADMINS(404) },
  "PATCH /api/v1/datasets/[name]/experts/[email]": { path: () => "/api/v1/datasets/no-such-dataset/experts/nobody%40e2e.test", body: { action: "lift_pause" }, expect: ADMINS(404) },
  "PUT /api/v1/datasets/[name]/access": { path: () => "/api/v1/datasets/no-such-dataset/access", body: { experts: [] }, expect: ADMINS(404) },
  "POST /api/v1/assignments": { path: () => "/api/v1/assignments", body: {}, expect: ADMINS(422) },
  "GET /api/v1/exports": { path: () => "/api/v1/exports", expect: ADMINS(200) },
  "POST /api/v1/exports": { path: () => "/api/v1/exports", body: { kind: "sft", format: "csv" }, expect: ADMINS(422) },
  "GET /api/v1/exports/[id]": { path: () => `/api/v1/exports/${UNKNOWN_UUID}`, expect: ADMINS(404) },
  "GET /api/v1/exports/[id]/download": { path: () => `/api/v1/exports/${UNKNOWN_UUID}/download`, expect: ADMINS(404) },
  "POST /api/v1/exports/preview": { path: () => "/api/v1/exports/preview", body: { kind: "all", format: "trl" }, expect: ADMINS(200) },
  "GET /api/v1/imports": { path: () => "/api/v1/imports", expect: ADMINS(200) },
  "POST /api/v1/imports": { path: () => "/api/v1/imports", body: {}, expect: ADMINS(422) },
  "GET /api/v1/imports/[id]": { path: () => `/api/v1/imports/${UNKNOWN_UUID}`, expect: ADMINS(404) },
  "GET /api/v1/imports/[id]/rejects": { path: () => `/api/v1/imports/${UNKNOWN_UUID}/rejects`, expect: ADMINS(404) },
  "POST /api/v1/imports/preview": { path: () => "/api/v1/imports/preview", body: {}, expect: ADMINS(422) },
  // A JSON body is not a file: refused after the role check, before anything is written.
  "POST /api/v1/imports/uploads": { path: () => "/api/v1/imports/uploads", body: {}, expect: ADMINS(415) },
  "GET /api/v1/stats/evaluation": { path: () => "/api/v1/stats/evaluation?dataset=demo&format=markdown", expect: ANY_ROLE(200) },
  "GET /api/v1/prelabel-panel": { path: () => "/api/v1/prelabel-panel", expect: ANY_ROLE(200) },
  "POST /api/v1/prelabel-runs": { path: () => "/api/v1/prelabel-runs", body: { dataset: "no-such-dataset" }, expect: ADMINS(404) },
  "POST /api/v1/queue/claim": { path: () => "/api/v1/queue/claim", body: { dataset: "no-such-dataset" }, expect: EXPERTS(204) },
  "GET /api/v1/queue/progress": { path: () => "/api/v1/queue/progress?dataset=no-such-dataset", expect: EXPERTS(200) },
  "GET /api/v1/samples": { path: () => "/api/v1/samples?limit=2", expect: ANY_ROLE(200) },
  "GET /api/v1/samples/[id]": { path: (ids) => `/api/v1/samples/${ids.sample}`, expect: ANY_ROLE(200) },
  "POST /api/v1/samples/[id]/adjudications": { path: (ids) => `/api/v1/samples/${ids.sample}/adjudications`, body: { supports: "gpt-5" }, expect: EXPERTS(409) },
  "POST /api/v1/samples/[id]/adjudications/undo": { path: (ids) => `/api/v1/samples/${ids.sample}/adjudications/undo`, expect: EXPERTS(409) },
  "POST /api/v1/samples/[id]/flag": { path: (ids) => `/api/v1/samples/${ids.sample}/flag`, body: { note: "x" }, expect: EXPERTS(409) },
  "POST /api/v1/samples/[id]/flag/resolve": { path: (ids) => `/api/v1/samples/${ids.sample}/flag/resolve`, body: { note: "settled" }, expect: ADMINS(409) },
  "GET /api/v1/samples/[id]/comments": { path: (ids) => `/api/v1/samples/${ids.sample}/comments`, expect: ANY_ROLE(200) },
  "POST /api/v1/samples/[id]/comments": { path: (ids) => `/api/v1/samples/${ids.sample}/comments`, body: { body: "" }, expect: EXPERTS(422) },
  "GET /metrics": { path: () => "/metrics", expect: ADMINS(200) },
  "GET /api/v1/openapi.json": { path: () => "/api/v1/openapi.json", expect: ANY_ROLE(200) },
  "GET /api/v1/inbox": { path: () => "/api/v1/inbox", expect: ANY_ROLE(200) },
  "PAGE /inbox": { path: () => "/inbox", expect: PAGE() },
  "PAGE /api/docs": { path: () => "/api/docs", expect: PAGE() },
  "POST /api/v1/samples/[id]/gold": { path: (ids) => `/api/v1/samples/${ids.sample}/gold`, body: { judgment: 7 }, expect: ADMINS(422) },
  "POST /api/v1/samples/[id]/lease": { path: (ids) => `/api/v1/samples/${ids.sample}/lease`, expect: EXPERTS(409) },
  "DELETE /api/v1/samples/[id]/lease": { path: (ids) => `/api/v1/samples/${ids.sample}/lease`, expect: EXPERTS(409) },
  "POST /api/v1/samples/[id]/skip": { path: (ids) => `/api/v1/samples/${ids.sample}/skip`, body: { reason: "x" }, expect: EXPERTS(409) },
  "GET /api/v1/audit": { path: () => "/api/v1/audit?limit=5", expect: ADMINS(200) },
  "GET /api/v1/audit/export": { path: () => "/api/v1/audit/export?action=token.create", expect: ADMINS(200) },
  "PAGE /admin/audit": { path: () => "/admin/audit", expect: PAGE() },
  "GET /api/v1/tokens": { path: () => "/api/v1/tokens", expect: ANY_ROLE(200) },
  "POST /api/v1/tokens": { path: () => "/api/v1/tokens", body: {}, expect: ANY_ROLE(422) },
  "DELETE /api/v1/tokens/[id]": { path: () => `/api/v1/tokens/${UNKNOWN_UUID}`, expect: ANY_ROLE(404) },
  "POST /api/v1/users": { path: () => "/api/v1/users", body: {}, expect: ADMINS(422) },
  // The link is the credential: no sign-in, and an unknown token is simply not found (a body is checked first).
  "GET /api/v1/invitations/[token]": { path: () => "/api/v1/invitations/not-a-token", expect: PUBLIC(404) },
  "POST /api/v1/invitations/[token]": { path: () => "/api/v1/invitations/not-a-token", body: { password: "a long enough password" }, expect: PUBLIC(404) },
  "PAGE /invite/[token]": { path: () => "/invite/not-a-token", expect: PUBLIC(200) },
  "GET /api/v1/account/viewing": { path: () => "/api/v1/account/viewing", expect: ANY_ROLE(200) },
  "PATCH /api/v1/account/viewing": { path: () => "/api/v1/account/viewing", body: {}, expect: ANY_ROLE(422) },
  // No such sample: refused after the role check, so no reveal is recorded.
  "POST /api/v1/samples/[id]/reveal": { path: () => "/api/v1/samples/2147483647/reveal", expect: ANY_ROLE(404) },
  "POST /api/v1/account/password": { path: () => "/api/v1/account/password", body: { current: "not-my-password", next: "a-new-long-password" }, expect: ANY_ROLE(422) },
  "GET /api/v1/users": { path: () => "/api/v1/users", expect: ADMINS(200) },
  "PATCH /api/v1/users/[id]": { path: () => `/api/v1/users/${UNKNOWN_UUID}`, body: { role: "viewer" }, expect: ADMINS(404) },
  "PAGE /account": { path: () => "/account", expect: PAGE() },
  "PAGE /admin/users": { path: () => "/admin/users", expect: PAGE() },
  "GET /api/v1/stats": { path: () => "/api/v1/stats?dataset=demo", expect: ANY_ROLE(200) },
  "PAGE /": { path: () => "/", expect: { anonymous: 307, forged: 307, viewer: 307, expert: 307, admin: 307 } },
  "PAGE /dashboard": { path: () => "/dashboard?dataset=demo", expect: PAGE() },
  "PAGE /exports": { path: () => "/exports", expect: PAGE() },
  "PAGE /imports": { path: () => "/imports", expect: PAGE() },
  "PAGE /prelabels": { path: () => "/prelabels", expect: PAGE() },
  "PAGE /queue": { path: () => "/queue", expect: PAGE() },
  "PAGE /samples": { path: () => "/samples", expect: PAGE() },
  "PAGE /samples/[id]": { path: (ids) => `/samples/${ids.sample}`, expect: PAGE() },
  "PAGE /signin": { path: () => "/signin", expect: { anonymous: 200, forged: 200, viewer: 307, expert: 307, admin: 307 } },
  // Last: it ends the caller's browser sessions, which the page rows above sign in with.
  "DELETE /api/v1/account/sessions": { path: () => "/api/v1/account/sessions", expect: ANY_ROLE(200) },
};

function headers(state: E2EState, caller: Caller): Record<string, string> {
  const token = { anonymous: null, forged: "gts_forged-token-that-was-never-issued", viewer: state.viewerToken, expert: state.expertToken, admin: state.adminToken }[caller];
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function ids(request: APIRequestContext, state: E2EState): Promise<Ids> {
  const listed = await request.get("/api/v1/samples?dataset=demo&imageCondition=jailbreak&limit=1", { headers: headers(state, "admin") });
  const id = ((await listed.json()) as { items: { id: number }[] }).items[0]!.id;
  const detail = (await (await request.get(`/api/v1/samples/${id}`, { headers: headers(state, "admin") })).json()) as { image: { sha256: string } };
  return { sample: id, image: detail.image.sha256 };
}

test("every route and page is in the authorization matrix", () => {
  expect(inventory()).toEqual(Object.keys(MATRIX).sort());
});

test("every route answers each kind of caller with its documented status", async ({ request, browser }) => {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  const known = await ids(request, state);
  const mismatches: string[] = [];
  for (const [key, entry] of Object.entries(MATRIX)) {
    const [method] = key.split(" ");
    for (const caller of CALLERS) {
      // Pages authenticate by the session cookie; the API by cookie or Bearer token.
      const context = method === "PAGE" && caller !== "anonymous" && caller !== "forged" ? await signedInContext(browser, caller) : null;
      const client = context?.request ?? request;
      const options = { headers: method === "PAGE" ? {} : headers(state, caller), maxRedirects: 0, failOnStatusCode: false, ...(entry.body === undefined ? {} : { data: entry.body }) };
      const url = entry.path(known);
      const response =
        method === "GET" || method === "PAGE"
          ? await client.get(url, options)
          : method === "PATCH"
            ? await client.patch(url, options)
            : method === "PUT"
              ? await client.put(url, options)
              : method === "DELETE"
                ? await client.delete(url, options)
                : await client.post(url, options);
      if (response.status() !== entry.expect[caller]) mismatches.push(`${key} as ${caller}: ${response.status()} (expected ${entry.expect[caller]})`);
      await context?.close();
    }
  }
  expect(mismatches).toEqual([]);
});

const sessions = new Map<Caller, string>();

/** A browser context signed in through the real sign-in form, reused per role. */
async function signedInContext(browser: import("@playwright/test").Browser, caller: Caller) {
  const { E2E_USERS } = await import("./support/e2e-state");
  const user = E2E_USERS[caller as "viewer" | "expert" | "admin"];
  const stored = sessions.get(caller);
  const context = await browser.newContext(stored ? { storageState: JSON.parse(stored), baseURL: test.info().project.use.baseURL } : { baseURL: test.info().project.use.baseURL });
  if (!stored) {
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/samples/);
    sessions.set(caller, JSON.stringify(await context.storageState()));
    await page.close();
  }
  return context;
}

test("no API body, however hostile, gets a 500", async ({ request }) => {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  const known = await ids(request, state);
  const deep = `${"[".repeat(200_000)}1${"]".repeat(200_000)}`;
  const bodies: (string | Buffer)[] = [
    "{",
    "[]",
    "null",
    "12345678901234567890123456789e999",
    '"\\u0000"',
    JSON.stringify({ judgment: Number.MAX_VALUE, analysis: "x".repeat(30_000), span: [-1, 1e300] }),
    JSON.stringify({ supports: { $ne: null } }),
    JSON.stringify({ kind: "sft", format: "trl", from: "2026-13-45", split: "NaN" }),
    JSON.stringify({ dataset: "\u0000", category: ["crime"] }),
    '{"name":"\\ud800","dataset":"a\\udc00b","judgment":"\\u0000"}',
    deep,
    Buffer.from([0xff, 0xfe, 0x7b, 0x00]),
    "x".repeat(2 * 1024 * 1024),
  ];
  const failures: string[] = [];
  for (const [key, entry] of Object.entries(MATRIX)) {
    const [method] = key.split(" ");
    if (method !== "POST" && method !== "PATCH") continue;
    if (key.startsWith("POST /api/auth")) continue;
    for (const body of bodies) {
      const options = { headers: { ...headers(state, "admin"), "content-type": "application/json" }, data: body, maxRedirects: 0, failOnStatusCode: false };
      const url = entry.path(known);
      const response = method === "PATCH" ? await request.patch(url, options) : await request.post(url, options);
      if (response.status() >= 500) failures.push(`${key} with ${String(body).slice(0, 40)}: ${response.status()}`);
    }
  }
  expect(failures).toEqual([]);
});

test("no route or page lets a NUL, a lone surrogate or broken percent-encoding through", async ({ request }) => {
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
  const known = await ids(request, state);
  const failures: string[] = [];
  for (const [key, entry] of Object.entries(MATRIX)) {
    const [method] = key.split(" ");
    const url = entry.path(known);
    // Raw HTTP: Playwright's client refuses to send a broken URL at all.
    const send = (target: string) => requestFrom("127.0.0.1", method === "PAGE" ? "GET" : method!, target, { headers: headers(state, "admin") });
    for (const probe of ["%00", "%ED%A0%80", "%E0%A4%A"]) {
      const query = await send(`${url}${url.includes("?") ? "&" : "?"}probe=${probe}`);
      if (query.status !== 422 || !(JSON.parse(query.text) as { error: { fields: Record<string, string[]> } }).error.fields.probe) failures.push(`${key} with ?probe=${probe}: ${query.status}`);
      const path = await send(`${url.split("?")[0]}/${probe}`);
      if (path.status !== 404) failures.push(`${key} with /${probe}: ${path.status}`);
    }
  }
  expect(failures).toEqual([]);
});
