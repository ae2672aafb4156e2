import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { importJsonl } from "../../services/import/import-jsonl";
import { UsageError } from "../cli-error";

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dataset: { type: "string" }, "skip-invalid": { type: "boolean" }, json: { type: "boolean" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError("usage: import FILE [--dataset NAME] [--skip-invalid] [--json]");
  const summary = await importJsonl({ actor: CLI_ACTOR, file, dataset: values.dataset, skipInvalid: values["skip-invalid"] });
  if (values.json) {
    const { imported, updated, unchanged, rejected } = summary;
    process.stdout.write(`${JSON.stringify({ imported, updated, unchanged, rejected })}\n`);
  }
  for (const rejection of summary.rejected) process.stderr.write(`line ${rejection.line}: ${rejection.reason}\n`);
  if (!summary.committed) {
    process.stderr.write(`import refused: ${summary.rejected.length} invalid line(s), nothing was written\n`);
    return 1;
  }
  const line = `dataset ${summary.dataset}: ${summary.imported} imported, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected`;
  process.stderr.write(`${line}${summary.rejectsFile ? ` (rejects in ${summary.rejectsFile})` : ""}\n`);
  return 0;
}
