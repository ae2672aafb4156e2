import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { promoteToGold } from "../../services/quality/promote-to-gold";
import { UsageError } from "../cli-error";

const USAGE = "usage: gold add --dataset NAME --external-id ID --judgment 0|0.5|1 [--explanation TEXT] [--json]";

/** `gts gold add`: promotes an adjudicated sample to gold (docs/quality-control.md). */
export async function goldCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { dataset: { type: "string" }, "external-id": { type: "string" }, judgment: { type: "string" }, explanation: { type: "string" }, json: { type: "boolean" } },
  });
  if (sub !== "add" || values.dataset === undefined || values["external-id"] === undefined || values.judgment === undefined) throw new UsageError(USAGE);
  const gold = await promoteToGold(CLI_ACTOR, { dataset: values.dataset, externalId: values["external-id"] }, { judgment: Number(values.judgment), explanation: values.explanation });
  if (values.json) process.stdout.write(`${JSON.stringify(gold)}\n`);
  else process.stderr.write(`sample ${values["external-id"]} in ${values.dataset} is gold, answer ${gold.judgment}\n`);
  return 0;
}
