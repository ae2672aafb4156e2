import { assertCan, type Actor } from "../../auth/actor";
import { ForbiddenError } from "../../errors";

/** Queue work is personal: it needs the adjudicate permission and a user account to hold leases. */
export function requireExpert(actor: Actor | null): string {
  assertCan(actor, "sample:adjudicate");
  if (!actor.userId) throw new ForbiddenError("Adjudication needs a signed-in user.");
  return actor.userId;
}
