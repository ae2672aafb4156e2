import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { changeStanding } from "../../services/quality/change-standing";
import { UsageError } from "../cli-error";

const USAGE = "usage: expert lift-pause|reset-calibration EMAIL --dataset NAME [--json]";
const ACTIONS = { "lift-pause": "lift_pause", "reset-calibration": "reset_calibration" } as const;

/** `gts expert`: an admin lifts a pause or resets a failed calibration round (docs/quality-control.md). */
export async function expertCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { dataset: { type: "string" }, json: { type: "boolean" } } });
  const action = sub && sub in ACTIONS ? ACTIONS[sub as keyof typeof ACTIONS] : undefined;
  if (!action || !positionals[0] || values.dataset === undefined) throw new UsageError(USAGE);
  const standing = await changeStanding(CLI_ACTOR, { dataset: values.dataset, expert: positionals[0] }, { action });
  if (values.json) process.stdout.write(`${JSON.stringify(standing)}\n`);
  else process.stderr.write(action === "lift_pause" ? `${standing.expert} may work ${standing.dataset} again\n` : `${standing.expert} starts calibration round ${standing.calibrationRound} on ${standing.dataset}\n`);
  return 0;
}
