import type { Role } from "../generated/prisma";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { can, type Action } from "./permissions";

/** Who is acting: a signed-in user, an API token's user, or the command line (which has the database anyway). */
export type Actor = {
  userId: string | null;
  email: string;
  role: Role;
  via: "session" | "token" | "cli";
  /** With `via: "session"`: the session's row (`sessions.ts`), so that it can be kept or ended on its own. */
  sessionId?: string;
};

export const CLI_ACTOR: Actor = { userId: null, email: "cli", role: "admin", via: "cli" };

export function assertCan(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(action, actor.role)) throw new ForbiddenError();
}
