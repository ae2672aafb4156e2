import os from "node:os";
import type { EmbeddedServer } from "../../../lib/db/embedded-postgres";
import path from "node:path";
import type { OidcTestProvider } from "../../support/oidc-test-provider";

/** What global setup leaves for the tests and for teardown. `databaseUrl` signs in as the app role. */
export type E2EState = { serverPid: number; workerPid: number; adminUrl: string; databaseUrl: string; databaseName: string; roles: string[]; dataDir: string; adminToken: string; viewerToken: string; expertToken: string };

export const STATE_FILE = path.join(os.tmpdir(), `gts-e2e-state-${process.env.E2E_PORT ?? 3210}.json`);

export const E2E_USERS = {
  viewer: { email: "viewer@e2e.test", password: "viewer-password-1" },
  admin: { email: "admin@e2e.test", password: "admin-password-1" },
  expert: { email: "expert@e2e.test", password: "expert-password-1" },
  locked: { email: "locked@e2e.test", password: "locked-password-1" },
  disposable: { email: "disposable@e2e.test", password: "disposable-password-1" },
} as const;

export const HOSTILE_ID = "hostile-001";
export const HOSTILE_THINKING = 'The user pasted: <script>window.__pwned = "script"</script>\n\nThen: <img src=x onerror="window.__pwned = \'img\'">';

/** Setup and teardown run in the same runner process: the embedded server and the OIDC provider pass between them here. */
export const runnerProcess = globalThis as unknown as { gtsE2EEmbedded?: EmbeddedServer | null; gtsE2EOidc?: OidcTestProvider };

/** The test identity provider (`tests/support/oidc-test-provider.ts`), and a second port for an app with the wrong client secret. */
export const OIDC_PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
export const OIDC_WRONG_SECRET_APP_PORT = Number(process.env.E2E_PORT ?? 3210) + 2;

export const QUEUE_DATASET = "e2e-queue";
export const UNDO_DATASET = "e2e-undo";
export const QUEUE_THINKING = "First I read the request.\n\nThen I outline [PROCEDURE WITHHELD] in detail.\n\nFinally I refuse.";

/** The monitoring stack's scrape token the e2e server runs with (GTS_METRICS_TOKEN). */
export const METRICS_TOKEN = "e2e-metrics-scrape-token";
/** Where the e2e worker serves its own metrics (GTS_WORKER_METRICS_PORT). */
export const WORKER_METRICS_PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
