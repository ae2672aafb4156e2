import "server-only";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { mentionedEmails } from "../../discussion/mentions";
import { ForbiddenError, NotFoundError } from "../../errors";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { commentInputSchema } from "./comment.schema";
import { insertComment, sampleExists, type CommentKind } from "./comment-sql";

export type PostedComment = { id: string; sampleId: number; mentioned: string[] };

/** Adds a comment to a sample's thread: the people it `@mentions` find the thread in their inbox. Audited. */
export async function addComment(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<PostedComment> {
  assertCan(actor, "comment:write");
  if (!actor.userId) throw new ForbiddenError("Comments need a signed-in user.");
  const sampleId = parseSampleId(rawSampleId);
  const input = parseInput(commentInputSchema, body);
  return inTransaction(async (client) => {
    if (!(await sampleExists(client, sampleId))) throw new NotFoundError(`no sample with id ${sampleId}`);
    return postToThread(client, actor, sampleId, "comment", input.body);
  });
}

/**
 * Writes a comment of any kind inside the caller's transaction, with its mentions and its audit event:
 * a flag's note and a resolution's note join the thread the same way (services/queue).
 */
export async function postToThread(client: pg.ClientBase, actor: Actor, sampleId: number, kind: CommentKind, text: string): Promise<PostedComment> {
  const { id, mentioned } = await insertComment(client, { sampleId, authorId: actor.userId!, kind, body: text, mentions: mentionedEmails(text) });
  await appendAuditEvent(client, { actor, action: "comment.add", entityType: "sample", entityId: String(sampleId), after: { commentId: id, kind, body: text, mentioned } });
  return { id, sampleId, mentioned };
}
