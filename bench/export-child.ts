/** Runs one export in its own process and reports its speed and peak memory as JSON on stdout. */
import { CLI_ACTOR } from "../lib/auth/actor";
import { closePool } from "../lib/db/pool";
import { executeExport } from "../lib/export/export-job";
import { exportOptionsSchema } from "../lib/export/export-options";
import { recordRunningExport } from "../lib/services/exports/create-export";

const [optionsJson, out] = process.argv.slice(2);
const options = exportOptionsSchema.parse(JSON.parse(optionsJson!));
const started = performance.now();
const record = await recordRunningExport(CLI_ACTOR, options);
const manifest = await executeExport(record.id, out!);
const seconds = (performance.now() - started) / 1000;
await closePool();
const rows = Object.values(manifest.counts).reduce((sum, summary) => sum + (summary?.rows ?? 0), 0);
process.stdout.write(`${JSON.stringify({ rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
