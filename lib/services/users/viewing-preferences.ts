import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction, pool } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { parseInput } from "../parse-input";
import { SAFE_VIEWING_DEFAULTS, viewingPreferencesSchema, type ViewingPreferences } from "./user.schema";
import { viewingOf, writeViewing } from "./user-sql";

// Safe viewing's per-user preferences (docs/safe-viewing.md).

const preferencesOf = (row: { reveal_images: boolean; grayscale_images: boolean }): ViewingPreferences => ({ revealImages: row.reveal_images, grayscaleImages: row.grayscale_images });

export async function getViewingPreferences(actor: Actor | null): Promise<ViewingPreferences> {
  assertCan(actor, "token:own");
  const row = actor.userId ? await viewingOf(pool(), actor.userId) : null;
  return row ? preferencesOf(row) : SAFE_VIEWING_DEFAULTS;
}

/** Changes the caller's own preferences; fields left out keep their value. Each change is in the audit trail. */
export async function updateViewingPreferences(actor: Actor | null, body: unknown): Promise<ViewingPreferences> {
  assertCan(actor, "token:own");
  const input = parseInput(viewingPreferencesSchema, body);
  const userId = actor.userId;
  if (!userId) throw new NotFoundError("the command line has no viewing preferences");
  return inTransaction(async (client) => {
    const current = await viewingOf(client, userId, true);
    if (!current) throw new NotFoundError("no such user");
    const before = preferencesOf(current);
    const after = { revealImages: input.revealImages ?? before.revealImages, grayscaleImages: input.grayscaleImages ?? before.grayscaleImages };
    await writeViewing(client, userId, { reveal_images: after.revealImages, grayscale_images: after.grayscaleImages });
    await appendAuditEvent(client, { actor, action: "user.viewing", entityType: "user", entityId: userId, before, after });
    return after;
  });
}
