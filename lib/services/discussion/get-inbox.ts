import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { inboxOf, unreadMentions } from "./comment-sql";

export type InboxThread = { sampleId: number; externalId: string; dataset: string; unread: number; mentions: number; lastAt: string; lastAuthor: string; lastBody: string };
export type Inbox = { unread: number; threads: InboxThread[] };

const INBOX_THREADS = 100;
const PREVIEW = 200;

/** The threads that mention the reader, unread first, and their unread count (the nav's badge). */
export async function getInbox(actor: Actor | null): Promise<Inbox> {
  assertCan(actor, "sample:read");
  if (!actor.userId) return { unread: 0, threads: [] };
  const rows = await inboxOf(pool(), actor.userId, INBOX_THREADS);
  return {
    unread: await unreadMentions(pool(), actor.userId),
    threads: rows.map((row) => ({
      sampleId: row.sample_id,
      externalId: row.external_id,
      dataset: row.dataset,
      unread: row.unread,
      mentions: row.mentions,
      lastAt: row.last_at.toISOString(),
      lastAuthor: row.last_author,
      lastBody: row.last_body.length > PREVIEW ? `${row.last_body.slice(0, PREVIEW)}…` : row.last_body,
    })),
  };
}
