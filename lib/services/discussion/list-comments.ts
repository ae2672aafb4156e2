import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { parseSampleId } from "../samples/sample-id";
import { commentsOf, markThreadRead, sampleExists, type CommentKind } from "./comment-sql";

export type CommentView = { id: string; author: string; kind: CommentKind; body: string; createdAt: string };

/** A sample's thread, oldest first; reading it marks the reader's mentions in it read. */
export async function listComments(actor: Actor | null, rawSampleId: unknown): Promise<{ comments: CommentView[] }> {
  assertCan(actor, "sample:read");
  const sampleId = parseSampleId(rawSampleId);
  if (!(await sampleExists(pool(), sampleId))) throw new NotFoundError(`no sample with id ${sampleId}`);
  if (actor.userId) await markThreadRead(pool(), actor.userId, sampleId);
  const rows = await commentsOf(pool(), sampleId);
  return { comments: rows.map((row) => ({ id: row.id, author: row.author, kind: row.kind, body: row.body, createdAt: row.created_at.toISOString() })) };
}
