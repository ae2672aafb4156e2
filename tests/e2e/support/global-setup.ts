import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { ensureEmbeddedPostgres } from "../../../lib/db/embedded-postgres";
import { prepareDatabase } from "../../../lib/db/database-url";
import { sampleLine, tempDir, writeJsonl } from "../../support/fixtures";
import { startOidcTestProvider } from "../../support/oidc-test-provider";
import { runCli } from "../../support/run-cli";
import { databaseUrlFor } from "../../support/database-url-for";
import { E2E_PORT } from "../../playwright.config";
import { webServerArgs } from "../../../lib/http/web-server-args";
import { E2E_USERS, HOSTILE_ID, METRICS_TOKEN, WORKER_METRICS_PORT, OIDC_PORT, OIDC_WRONG_SECRET_APP_PORT, HOSTILE_THINKING, QUEUE_DATASET, QUEUE_THINKING, runnerProcess, STATE_FILE, UNDO_DATASET, type E2EState } from "./e2e-state";

const root = path.resolve(import.meta.dirname, "../../..");

/** A fresh database with the demo data, a hostile sample and two users, served by the production build. */
export default async function globalSetup() {
  const embeddedDir = process.env.DATABASE_URL ? null : path.join(root, ".data", "e2e-postgres");
  const embedded = embeddedDir ? await ensureEmbeddedPostgres(embeddedDir) : null;
  runnerProcess.gtsE2EEmbedded = embedded;
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const suffix = randomBytes(5).toString("hex");
  const databaseName = `gts_e2e_${suffix}`;
  // Least privilege, as in production: the owner migrates, the server, the worker and the CLI run as the app.
  const roles = { owner: `gts_e2e_owner_${suffix}`, app: `gts_e2e_app_${suffix}`, password: randomBytes(12).toString("hex") };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const role of [roles.owner, roles.app]) await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${roles.password}'`);
  await admin.query(`CREATE DATABASE "${databaseName}" OWNER "${roles.owner}"`);
  await admin.end();
  const asRole = (role: string) => {
    const url = new URL(databaseUrlFor(adminUrl, databaseName));
    url.username = role;
    url.password = roles.password;
    return url.toString();
  };
  const databaseUrl = asRole(roles.app);
  const ownerUrl = asRole(roles.owner);
  process.env.DATABASE_OWNER_URL = ownerUrl;
  process.env.DATABASE_URL = databaseUrl;
  await prepareDatabase();

  const dataDir = await tempDir("gts-e2e-data-");
  const cli = (args: string[], stdin?: string) => runCli(args, { databaseUrl, stdin, env: { GTS_DATA_DIR: dataDir, DATABASE_OWNER_URL: ownerUrl } });
  const checked = async (args: string[], stdin?: string) => {
    const result = await cli(args, stdin);
    if (result.code !== 0) throw new Error(`gts ${args.join(" ")} failed: ${result.stderr}`);
    return result;
  };
  await checked(["demo"]);
  const fixtures = await tempDir();
  const hostile = await writeJsonl(fixtures, "hostile.jsonl", [
    sampleLine(HOSTILE_ID, {
      question: "<b>Is this bold?</b> <iframe src=javascript:alert(1)>",
      thinking: HOSTILE_THINKING,
      answer: "<a href=\"javascript:alert(1)\">click</a>",
      judges: [{ name: "gpt-5", analysis: "<script>window.__pwned = 'judge'</script>", judgment: 0.5 }],
    }),
  ]);
  await checked(["import", hostile, "--dataset", "hostile"]);
  await checked(["user", "add", E2E_USERS.viewer.email, "--role", "viewer"], `${E2E_USERS.viewer.password}\n`);
  await checked(["user", "add", E2E_USERS.admin.email, "--role", "admin"], `${E2E_USERS.admin.password}\n`);
  await checked(["user", "add", E2E_USERS.expert.email, "--role", "expert"], `${E2E_USERS.expert.password}\n`);
  await checked(["user", "add", E2E_USERS.locked.email, "--role", "viewer"], `${E2E_USERS.locked.password}\n`);
  await checked(["user", "add", E2E_USERS.disposable.email, "--role", "viewer"], `${E2E_USERS.disposable.password}\n`);
  const judges = (...votes: number[]) => votes.map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  const queue = await writeJsonl(fixtures, "queue.jsonl", [
    sampleLine("q-1", { thinking: QUEUE_THINKING, judges: judges(0, 1, 0) }),
    sampleLine("q-2", { thinking: QUEUE_THINKING, judges: judges(0.5, 0.5, 0) }),
    sampleLine("q-3", { thinking: QUEUE_THINKING, judges: judges(1, 0.5, 1) }),
  ]);
  await checked(["import", queue, "--dataset", QUEUE_DATASET]);
  const undo = await writeJsonl(fixtures, "undo.jsonl", [sampleLine("undo-1", { judges: judges(0, 0, 1) })]);
  await checked(["import", undo, "--dataset", UNDO_DATASET]);
  for (const dataset of [QUEUE_DATASET, UNDO_DATASET]) await checked(["dataset", "set", dataset, "--second-opinion-share", "0"]);
  const tokenFor = async (email: string) => (await checked(["token", "create", email])).stdout.trim().split("\n").at(-1)!;
  const adminToken = await tokenFor(E2E_USERS.admin.email);
  const viewerToken = await tokenFor(E2E_USERS.viewer.email);
  const expertToken = await tokenFor(E2E_USERS.expert.email);

  const oidc = await startOidcTestProvider(
    OIDC_PORT,
    [E2E_PORT, OIDC_WRONG_SECRET_APP_PORT].map((port) => `http://127.0.0.1:${port}/api/auth/callback/oidc`),
  );
  runnerProcess.gtsE2EOidc = oidc;
  const server = spawn(process.execPath, webServerArgs({ port: E2E_PORT, host: "127.0.0.1" }), {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      GTS_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_NAME: "Test IdP",
      GTS_METRICS_TOKEN: METRICS_TOKEN,
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  // A pre-label worker, as `npm run demo` runs one beside the app.
  const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "worker"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, GTS_DATA_DIR: dataDir, LOG_LEVEL: "warn", GTS_METRICS_TOKEN: METRICS_TOKEN, GTS_WORKER_METRICS_PORT: String(WORKER_METRICS_PORT) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const state: E2EState = { serverPid: server.pid!, workerPid: worker.pid!, adminUrl, databaseUrl, databaseName, roles: [roles.app, roles.owner], dataDir, adminToken, viewerToken, expertToken };
  await fs.writeFile(STATE_FILE, JSON.stringify(state));
  await waitForServer(`http://127.0.0.1:${E2E_PORT}/signin`);
}

async function waitForServer(url: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((response) => response.status < 500).catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not start on ${url}`);
}
