import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { addUser } from "../../services/users/add-user";
import { updateUserByEmail } from "../../services/users/update-user";
import { UsageError } from "../cli-error";
import { readStdinLine } from "../read-stdin-line";

const USAGE = "usage: user add EMAIL --role admin|expert|viewer (password on stdin) | user groups EMAIL [GROUP,…]";

export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "groups") {
    const [email, list = ""] = rest;
    if (!email) throw new UsageError(USAGE);
    const user = await updateUserByEmail(CLI_ACTOR, email, { groups: list.split(",").map((group) => group.trim()).filter(Boolean) });
    process.stdout.write(`${user.email}: groups ${list || "(none)"}\n`);
    return 0;
  }
  if (sub !== "add") throw new UsageError(USAGE);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { role: { type: "string" }, name: { type: "string" }, json: { type: "boolean" } },
  });
  const email = positionals[0];
  if (!email || !values.role) throw new UsageError("usage: user add EMAIL --role admin|expert|viewer (password on stdin)");
  const password = await readStdinLine();
  const user = await addUser(CLI_ACTOR, { email, role: values.role, password, name: values.name });
  if (values.json) process.stdout.write(`${JSON.stringify(user)}\n`);
  else process.stdout.write(`created ${user.role} ${user.email}\n`);
  return 0;
}
