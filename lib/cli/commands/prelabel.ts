import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { importPrelabels } from "../../services/prelabel/import-prelabels";
import { listPrelabelFailures } from "../../services/prelabel/list-prelabel-failures";
import { queuePrelabelRun } from "../../services/prelabel/queue-prelabel-run";
import { UsageError } from "../cli-error";

const USAGE = [
  "usage: prelabel [--dataset NAME] [--json]",
  "       prelabel failures [--dataset NAME] [--limit N] [--json]",
  "       prelabel import FILE --dataset NAME --model M --version V [--json]",
].join("\n");

/**
 * `prelabel` queues a run; `prelabel failures` lists the jobs that failed, with the replies the parser
 * refused; `prelabel import` reads a guard's evaluation output as pre-labels.
 */
export async function prelabelCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dataset: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" }, model: { type: "string" }, version: { type: "string" } },
  });
  if (positionals[0] === "import") {
    if (positionals.length !== 2 || !values.dataset || !values.model || !values.version) throw new UsageError(USAGE);
    const summary = await importPrelabels(CLI_ACTOR, { file: positionals[1], dataset: values.dataset, model: values.model, version: values.version });
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    for (const entry of summary.unmatched) process.stderr.write(`line ${entry.line}: unmatched: ${entry.reason}\n`);
    for (const entry of summary.unparseable) process.stderr.write(`line ${entry.line}: unparseable: ${entry.reason}\n`);
    process.stderr.write(
      `${values.model} ${values.version} on ${values.dataset}: ${summary.imported} imported, ${summary.unchanged} unchanged, ${summary.unmatched.length} unmatched, ${summary.unparseable.length} unparseable\n`,
    );
    return 0;
  }
  if (values.model !== undefined || values.version !== undefined) throw new UsageError(USAGE);
  if (positionals.length === 0) {
    if (values.limit !== undefined) throw new UsageError(USAGE);
    const result = await queuePrelabelRun(CLI_ACTOR, { dataset: values.dataset });
    if (values.json) process.stdout.write(`${JSON.stringify({ queued: result.queued })}\n`);
    else process.stderr.write(`queued ${result.queued} pre-label job(s) for ${result.model} ${result.version}\n`);
    return 0;
  }
  if (positionals[0] !== "failures" || positionals.length > 1) throw new UsageError(USAGE);
  const failures = await listPrelabelFailures(CLI_ACTOR, { dataset: values.dataset, limit: values.limit });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ failures })}\n`);
    return 0;
  }
  if (failures.length === 0) process.stderr.write("no failed pre-label jobs\n");
  for (const failure of failures) {
    const sample = failure.externalId ? `${failure.dataset}/${failure.externalId}` : `sample ${failure.sampleId ?? "?"}`;
    process.stdout.write(`${failure.at}  ${sample}  ${failure.model ?? "?"} ${failure.version ?? "?"}  ${failure.state} (attempt ${failure.attempts} of ${failure.maxAttempts})\n  error: ${failure.error}\n`);
    if (failure.raw !== null) process.stdout.write(`  reply: ${failure.raw.replace(/\n/g, "\n         ")}\n`);
  }
  return 0;
}
