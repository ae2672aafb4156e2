import "server-only";
import { CLI_ACTOR } from "../../auth/actor";
import { addUser } from "./add-user";
import { countUsers } from "./count-users";

export const DEMO_PASSWORD = "guardtrace-demo";
export const DEMO_USERS = [
  { email: "admin@demo.local", role: "admin" },
  { email: "expert@demo.local", role: "expert" },
  { email: "viewer@demo.local", role: "viewer" },
] as const;

/** Demo mode only, and only on an empty installation: one account per role with a published password. */
export async function ensureDemoUsers(): Promise<boolean> {
  if ((await countUsers()) > 0) return false;
  for (const user of DEMO_USERS) await addUser(CLI_ACTOR, { ...user, password: DEMO_PASSWORD });
  return true;
}
