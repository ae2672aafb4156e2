import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { createApiToken } from "../../services/tokens/create-api-token";
import { UsageError } from "../cli-error";

export async function tokenCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: "string" } } });
  const email = positionals[0];
  if (sub !== "create" || !email) throw new UsageError("usage: token create EMAIL [--name NAME]");
  const { token } = await createApiToken(CLI_ACTOR, { email, name: values.name });
  process.stderr.write(`token for ${email} (shown once; store it now):\n`);
  process.stdout.write(`${token}\n`);
  return 0;
}
