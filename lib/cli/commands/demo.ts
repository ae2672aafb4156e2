import path from "node:path";
import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import fs from "node:fs/promises";
import { DEMO_FILE, DEMO_VERSION, generateDemoDataset } from "../../demo/generate-demo";
import { dataDir } from "../../paths";
import { importSamples } from "../../services/import/import-samples";

export const DEMO_DATASET = "demo";

/** Generates the bundled demo dataset and imports it; idempotent, since the generator is deterministic. */
export async function loadDemo(): Promise<{ imported: number; updated: number; unchanged: number }> {
  const folder = path.join(dataDir(), `demo-v${DEMO_VERSION}`);
  const ready = await fs.stat(path.join(folder, DEMO_FILE)).then(() => true).catch(() => false);
  const file = ready ? path.join(folder, DEMO_FILE) : await generateDemoDataset(folder);
  const summary = await importSamples({ actor: CLI_ACTOR, file, dataset: DEMO_DATASET });
  return { imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged };
}

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const counts = await loadDemo();
  if (values.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
  else process.stderr.write(`demo dataset: ${counts.imported} imported, ${counts.updated} updated, ${counts.unchanged} unchanged\n`);
  return 0;
}
