import fs from "node:fs";
import { expect } from "@playwright/test";
import pg from "pg";
import { runCli } from "../../support/run-cli";
import { STATE_FILE, type E2EState } from "./e2e-state";

/** What global setup left: the app's database, data folder and tokens. */
export const e2eState = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;

/** `gts` on the e2e database; its exit code and output, for a caller that decides what a failure means. */
export async function gtsRun(args: string[], stdin?: string) {
  const { databaseUrl, dataDir } = e2eState();
  return runCli(args, { databaseUrl, stdin, env: { GTS_DATA_DIR: dataDir } });
}

/** `gts` on the e2e database, failing the test (with its stderr) unless it succeeds; its stdout. */
export async function gts(args: string[], stdin?: string): Promise<string> {
  const result = await gtsRun(args, stdin);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** One query on the e2e database, on a connection of its own. */
export async function e2eQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
