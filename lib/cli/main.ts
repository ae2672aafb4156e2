import { prepareDatabase } from "../db/database-url";
import { closePool } from "../db/pool";
import { disconnectDb } from "../db/prisma";
import { UserError } from "../errors";
import { log } from "../log";
import { UsageError } from "./cli-error";
import { assignCommand } from "./commands/assign";
import { datasetCommand } from "./commands/dataset";
import { demoCommand } from "./commands/demo";
import { expertCommand } from "./commands/expert";
import { exportCommand } from "./commands/export";
import { goldCommand } from "./commands/gold";
import { importCommand } from "./commands/import";
import { migrateCommand } from "./commands/migrate";
import { openApiCommand } from "./commands/openapi";
import { prelabelCommand } from "./commands/prelabel";
import { serveCommand } from "./commands/serve";
import { statsCommand } from "./commands/stats";
import { tokenCommand } from "./commands/token";
import { userCommand } from "./commands/user";
import { workerCommand } from "./commands/worker";

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  import: importCommand,
  user: userCommand,
  token: tokenCommand,
  demo: demoCommand,
  dataset: datasetCommand,
  gold: goldCommand,
  assign: assignCommand,
  expert: expertCommand,
  serve: serveCommand,
  stats: statsCommand,
  export: exportCommand,
  prelabel: prelabelCommand,
  worker: workerCommand,
  migrate: migrateCommand,
  openapi: openApiCommand,
};

/** Commands that read no database, so none is started for them. */
const WITHOUT_DATABASE = new Set(["openapi"]);

const USAGE = `usage: npm run gts -- <command>
  import FILE [--dataset NAME] [--skip-invalid] [--json] [--layout native|guardtrace] [--map OURS=THEIRS]… [--set FIELD=VALUE]… [--source NAME] [--image-dir DIR]
  user add EMAIL --role admin|expert|viewer      (password on stdin)
  user groups EMAIL [GROUP,…]
  token create EMAIL [--name NAME]
  dataset set NAME [--audit-share F] [--second-opinion-share F] [--gold-rate F] [--gold-floor F] [--calibration N]
  dataset access NAME [--experts EMAIL,…] [--groups GROUP,…]
  assign EMAIL --dataset NAME [--external-id ID] [--category C] [--route R] [--days N] [--limit N]
  gold add --dataset NAME --external-id ID --judgment 0|0.5|1 [--explanation TEXT]
  expert lift-pause|reset-calibration EMAIL --dataset NAME
  stats [--dataset NAME] [--json]
  export sft|dpo|ogdpo|all --format trl|llamafactory --out PATH [--dataset NAME] [--split F] [--pairs first|all] [--profile FILE.json] …
  prelabel [--dataset NAME] [--json]
  prelabel failures [--dataset NAME] [--limit N] [--json]
  prelabel import FILE --dataset NAME --model M --version V [--json]
  worker [--batch-size N] [--concurrency N] [--profile FILE.json]
  demo [--json]
  serve [--demo] [--dev] [--port N]
  migrate
  openapi                                         (the API's OpenAPI 3.1 document, on stdout)`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name && name !== "help" && name !== "--help" ? `unknown command: ${name}\n` : ""}${USAGE}\n`);
    return name === "help" || name === "--help" ? 0 : 2;
  }
  if (WITHOUT_DATABASE.has(name!)) return command(args);
  const database = await prepareDatabase();
  const stop = async () => {
    await Promise.allSettled([closePool(), disconnectDb()]);
    await database.embedded?.stop();
  };
  // A signal during a long command still stops an embedded server this process started.
  const onSignal = () => void stop().finally(() => process.exit(130));
  // serve and worker end on their own signal handling; the rest stop at once.
  if (name !== "serve" && name !== "worker") {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  try {
    return await command(args);
  } finally {
    await stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof UserError) {
      const fields = "fields" in error ? ` ${JSON.stringify((error as UserError & { fields: unknown }).fields)}` : "";
      process.stderr.write(`error: ${error.message}${fields}\n`);
      process.exit(1);
    }
    if (error instanceof Error && error.name === "TypeError" && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    log.error("command failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.stderr.write(`error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    process.exit(1);
  },
);
