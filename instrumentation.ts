/** Starts the export runner with the server, so queued or interrupted exports resume without a new request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.DATABASE_URL) {
    const { startExportRunner } = await import("./lib/export/export-runner");
    startExportRunner();
  }
}
