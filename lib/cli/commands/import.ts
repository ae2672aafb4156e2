import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { importLayoutSchema } from "../../import/import-layout-schema";
import { positionNoun } from "../../import/record-source";
import { importSamples } from "../../services/import/import-samples";
import { describeIssues } from "../../import/record-schema";
import { UsageError } from "../cli-error";

const USAGE =
  "usage: import FILE [--dataset NAME] [--skip-invalid] [--json] [--layout native|guardtrace] [--map OURS=THEIRS]… [--set FIELD=VALUE]… [--source NAME] [--image-dir DIR]";

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dataset: { type: "string" },
      "skip-invalid": { type: "boolean" },
      json: { type: "boolean" },
      layout: { type: "string" },
      map: { type: "string", multiple: true },
      set: { type: "string", multiple: true },
      source: { type: "string" },
      "image-dir": { type: "string" },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  const layout = importLayoutSchema.safeParse({ layout: values.layout, map: values.map, set: values.set, source: values.source });
  if (!layout.success) throw new UsageError(`${describeIssues(layout.error)}\n${USAGE}`);
  const summary = await importSamples({
    actor: CLI_ACTOR,
    file,
    dataset: values.dataset,
    skipInvalid: values["skip-invalid"],
    layout: layout.data,
    imageDir: values["image-dir"],
  });
  if (values.json) {
    const { imported, updated, unchanged, rejected } = summary;
    process.stdout.write(`${JSON.stringify({ imported, updated, unchanged, rejected })}\n`);
  }
  if (summary.rejected.length > 0 && summary.format !== "jsonl") process.stderr.write(`(${summary.format}: N in "line N" is ${positionNoun(summary.format)})\n`);
  for (const rejection of summary.rejected) process.stderr.write(`line ${rejection.line}: ${rejection.reason}\n`);
  if (!summary.committed) {
    process.stderr.write(`import refused: ${summary.rejected.length} invalid record(s), nothing was written\n`);
    return 1;
  }
  const line = `dataset ${summary.dataset}: ${summary.imported} imported, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected`;
  process.stderr.write(`${line}${summary.rejectsFile ? ` (rejects in ${summary.rejectsFile})` : ""}\n`);
  return 0;
}
