import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadGuardProfile } from "../../guard/load-guard-profile";
import { webServerArgs } from "../../http/web-server-args";
import { log } from "../../log";
import { dataDir } from "../../paths";
import { countUsers } from "../../services/users/count-users";
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers } from "../../services/users/ensure-demo-users";
import { CLI_ACTOR } from "../../auth/actor";
import { queuePrelabelRun } from "../../services/prelabel/queue-prelabel-run";
import { DEMO_DATASET, loadDemo } from "./demo";

/**
 * Runs the web app: the database is already chosen and migrated; this adds the auth secret, the demo
 * data when asked, and then runs Next.js as a child so that the embedded database outlives it and
 * stops after it.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { demo: { type: "boolean" }, dev: { type: "boolean" }, port: { type: "string" }, "no-worker": { type: "boolean" } },
  });
  const port = values.port ?? process.env.PORT ?? "3000";
  // Exports are written with this profile: a bad one stops the server before it starts.
  const profile = await loadGuardProfile();
  log.info("guard profile", { name: profile.name, systemPromptSha256: profile.systemPromptSha256, origin: profile.origin });
  if (values.demo) {
    const counts = await loadDemo();
    log.info("demo dataset loaded", counts);
    if (await ensureDemoUsers()) {
      log.info(`demo accounts created (password "${DEMO_PASSWORD}")`, { emails: DEMO_USERS.map((user) => user.email) });
    }
    const run = await queuePrelabelRun(CLI_ACTOR, { dataset: DEMO_DATASET });
    log.info("demo pre-label run queued", run);
  }
  if ((await countUsers()) === 0) {
    log.warn("no users yet. Create the first admin with:  echo 'a-long-password' | npm run gts -- user add you@example.com --role admin");
  }
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? (await persistentSecret()),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Loopback only unless HOST says otherwise: a demo with its printed password must not face the network.
  const host = process.env.HOST || "127.0.0.1";
  const child = spawn(process.execPath, webServerArgs({ port, host, dev: values.dev }), { stdio: "inherit", env });
  // One worker beside the app: new samples get the guard's verdict on the CPU, and queued imports,
  // exports and token counts run, without further steps.
  const worker = values["no-worker"]
    ? null
    : spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("lib", "cli", "main.ts"), "worker"], { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
    worker?.kill("SIGTERM");
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  log.info(`GuardTrace Studio on ${env.NEXTAUTH_URL}`, {
    listening: `${host}:${port}`,
    ...(host === "127.0.0.1" ? { note: "only this machine can connect; set HOST=0.0.0.0 (and NEXTAUTH_URL) to serve others" } : {}),
  });
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 0)));
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
  process.off("SIGINT", forward);
  process.off("SIGTERM", forward);
  return code;
}

/** Sessions survive restarts: the secret is generated once and kept beside the data. */
async function persistentSecret(): Promise<string> {
  const file = path.join(dataDir(), "auth-secret");
  const existing = await fs.readFile(file, "utf8").catch(() => null);
  if (existing) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await fs.mkdir(dataDir(), { recursive: true });
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
