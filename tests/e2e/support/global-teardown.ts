import fs from "node:fs/promises";
import pg from "pg";
import { runnerProcess, STATE_FILE, type E2EState } from "./e2e-state";

export default async function globalTeardown() {
  const saved = await fs.readFile(STATE_FILE, "utf8").catch(() => null);
  if (saved === null) {
    // Setup failed before it started anything worth undoing, except perhaps the embedded server.
    await runnerProcess.gtsE2EOidc?.close();
    await runnerProcess.gtsE2EEmbedded?.stop();
    return;
  }
  const state = JSON.parse(saved) as E2EState;
  for (const pid of [state.serverPid, state.workerPid]) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const admin = new pg.Client({ connectionString: state.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${state.databaseName}" WITH (FORCE)`);
  for (const role of state.roles) await admin.query(`DROP ROLE IF EXISTS "${role}"`);
  await admin.end();
  await fs.rm(state.dataDir, { recursive: true, force: true });
  await fs.rm(STATE_FILE, { force: true });
  await runnerProcess.gtsE2EOidc?.close();
  await runnerProcess.gtsE2EEmbedded?.stop();
}
