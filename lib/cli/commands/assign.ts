import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { assignSamples } from "../../services/quality/assign-samples";
import { UsageError } from "../cli-error";

const USAGE = "usage: assign EMAIL --dataset NAME [--external-id ID] [--category C] [--route R] [--model M] [--attack A] [--days N] [--limit N] [--json]";

/** `gts assign`: sends the waiting samples the filters match to one expert (docs/quality-control.md). */
export async function assignCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dataset: { type: "string" },
      "external-id": { type: "string" },
      category: { type: "string" },
      route: { type: "string" },
      model: { type: "string" },
      attack: { type: "string" },
      days: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const expert = positionals[0];
  if (!expert || values.dataset === undefined) throw new UsageError(USAGE);
  const filters = { dataset: values.dataset, externalId: values["external-id"], category: values.category, route: values.route, model: values.model, attack: values.attack };
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const result = await assignSamples(CLI_ACTOR, { expert, filters, days: number(values.days), limit: number(values.limit) });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stderr.write(`assigned ${result.assigned} of ${result.matched} matching samples to ${result.expert} for ${result.days} days\n`);
  return 0;
}
