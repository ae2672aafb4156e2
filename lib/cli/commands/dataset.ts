import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { updateDatasetSettings } from "../../services/datasets/update-dataset-settings";
import { setDatasetAccess } from "../../services/quality/set-dataset-access";
import { UsageError } from "../cli-error";

const USAGE =
  "usage: dataset set NAME [--audit-share 0.05] [--second-opinion-share 0.1] [--gold-rate 0.05] [--gold-floor 0.7] [--calibration 10]\n" +
  "                    [--daily-cap 300|none] [--break-after MINUTES|none] [--json]\n" +
  "       dataset access NAME [--experts EMAIL,…] [--groups GROUP,…]   (neither: open to every expert)";

const list = (value: string | undefined) => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);

export async function datasetCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "access") {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { experts: { type: "string" }, groups: { type: "string" } } });
    if (!positionals[0]) throw new UsageError(USAGE);
    const access = await setDatasetAccess(CLI_ACTOR, positionals[0], { experts: list(values.experts), groups: list(values.groups) });
    const who = [...access.experts, ...access.groups.map((group) => `group ${group}`)];
    process.stderr.write(`dataset ${access.dataset}: ${who.length ? `open to ${who.join(", ")}` : "open to every expert"}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      "audit-share": { type: "string" },
      "second-opinion-share": { type: "string" },
      "gold-rate": { type: "string" },
      "gold-floor": { type: "string" },
      calibration: { type: "string" },
      "daily-cap": { type: "string" },
      "break-after": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const name = positionals[0];
  if (sub !== "set" || !name) throw new UsageError(USAGE);
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const numberOrNone = (value: string | undefined) => (value === "none" ? null : number(value));
  const settings = await updateDatasetSettings(CLI_ACTOR, name, {
    auditShare: number(values["audit-share"]),
    secondOpinionShare: number(values["second-opinion-share"]),
    goldRate: number(values["gold-rate"]),
    goldFloor: number(values["gold-floor"]),
    calibrationItems: number(values.calibration),
    dailyCap: numberOrNone(values["daily-cap"]),
    breakAfterMinutes: numberOrNone(values["break-after"]),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(settings)}\n`);
  else {
    process.stderr.write(
      `dataset ${settings.name}: audit share ${settings.auditShare}, second-opinion share ${settings.secondOpinionShare}, ` +
        `gold rate ${settings.goldRate}, gold floor ${settings.goldFloor}, calibration ${settings.calibrationItems} items, ` +
        `daily cap ${settings.dailyCap ?? "none"}, break after ${settings.breakAfterMinutes === null ? "none" : `${settings.breakAfterMinutes} min`}\n`,
    );
  }
  return 0;
}
