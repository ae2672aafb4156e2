/** Runs one export in its own process and reports its speed and peak memory as JSON on stdout. */
import { CLI_ACTOR } from "../lib/auth/actor";
import { closePool } from "../lib/db/pool";
import { executeExport } from "../lib/export/export-job";
import { exportOptionsSchema } from "../lib/export/export-options";
import { recordExport } from "../lib/services/exports/create-export";

const [optionsJson, out] = process.argv.slice(2);
const options = exportOptionsSchema.parse(JSON.parse(optionsJson!));
const started = performance.now();
const record = await recordExport(CLI_ACTOR, options, "running");
await executeExport(record.id, out!);
const seconds = (performance.now() - started) / 1000;
const { pool } = await import("../lib/db/pool");
const { rows } = await pool().query<{ rows_written: number }>(`SELECT rows_written FROM exports WHERE id = $1`, [record.id]);
await closePool();
process.stdout.write(`${JSON.stringify({ rows: rows[0]!.rows_written, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
