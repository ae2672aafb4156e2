import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { listPrelabelFailures } from "../../services/prelabel/list-prelabel-failures";
import { queuePrelabelRun } from "../../services/prelabel/queue-prelabel-run";
import { UsageError } from "../cli-error";

const USAGE = "usage: prelabel [--dataset NAME] [--json]\n       prelabel failures [--dataset NAME] [--limit N] [--json]";

/** `prelabel` queues a run; `prelabel failures` lists the jobs that failed, with the replies the parser refused. */
export async function prelabelCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { dataset: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } } });
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
