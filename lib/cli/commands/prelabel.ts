import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { queuePrelabelRun } from "../../services/prelabel/queue-prelabel-run";

export async function prelabelCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { dataset: { type: "string" }, json: { type: "boolean" } } });
  const result = await queuePrelabelRun(CLI_ACTOR, { dataset: values.dataset });
  if (values.json) process.stdout.write(`${JSON.stringify({ queued: result.queued })}\n`);
  else process.stderr.write(`queued ${result.queued} pre-label job(s) for ${result.model} ${result.version}\n`);
  return 0;
}
