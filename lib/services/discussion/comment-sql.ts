import type { Queryable } from "../../db/pool";

// The statements on samples' discussion threads and the inbox of mentions.

export type CommentKind = "comment" | "flag" | "resolution";

/** Adds a comment and a mention for each named user who exists (the author excepted); returns its id and who was mentioned. */
export async function insertComment(db: Queryable, comment: { sampleId: number; authorId: string; kind: CommentKind; body: string; mentions: string[] }): Promise<{ id: string; mentioned: string[] }> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO comments (sample_id, author_id, kind, body) VALUES ($1, $2, $3, $4) RETURNING id::text`,
    [comment.sampleId, comment.authorId, comment.kind, comment.body],
  );
  const id = rows[0]!.id;
  if (comment.mentions.length === 0) return { id, mentioned: [] };
  const { rows: mentioned } = await db.query<{ email: string }>(
    `WITH named AS (SELECT id, email FROM users WHERE email = ANY($2::text[]) AND id <> $3 AND disabled_at IS NULL),
          added AS (INSERT INTO comment_mentions (comment_id, user_id) SELECT $1::bigint, id FROM named RETURNING user_id)
     SELECT n.email FROM named n JOIN added a ON a.user_id = n.id ORDER BY n.email`,
    [id, comment.mentions, comment.authorId],
  );
  return { id, mentioned: mentioned.map((row) => row.email) };
}

export type CommentRow = { id: string; author: string; kind: CommentKind; body: string; created_at: Date };

export async function commentsOf(db: Queryable, sampleId: number): Promise<CommentRow[]> {
  const { rows } = await db.query<CommentRow>(
    `SELECT c.id::text AS id, u.email AS author, c.kind::text AS kind, c.body, c.created_at
       FROM comments c JOIN users u ON u.id = c.author_id WHERE c.sample_id = $1 ORDER BY c.created_at, c.id`,
    [sampleId],
  );
  return rows;
}

export async function sampleExists(db: Queryable, sampleId: number): Promise<boolean> {
  return ((await db.query(`SELECT 1 FROM samples WHERE id = $1`, [sampleId])).rowCount ?? 0) > 0;
}

export type InboxRow = { sample_id: number; external_id: string; dataset: string; unread: number; mentions: number; last_at: Date; last_author: string; last_body: string };

/** The threads that mention the user, unread first, then the latest; each with its unread mentions and its latest comment. */
export async function inboxOf(db: Queryable, userId: string, limit: number): Promise<InboxRow[]> {
  const { rows } = await db.query<InboxRow>(
    `SELECT t.sample_id, s.external_id, d.name AS dataset, t.unread, t.mentions, latest.created_at AS last_at, latest.author AS last_author, latest.body AS last_body
       FROM (SELECT c.sample_id, count(*) FILTER (WHERE m.read_at IS NULL)::int AS unread, count(*)::int AS mentions
               FROM comment_mentions m JOIN comments c ON c.id = m.comment_id
              WHERE m.user_id = $1 GROUP BY c.sample_id) t
       JOIN samples s ON s.id = t.sample_id JOIN datasets d ON d.id = s.dataset_id
       CROSS JOIN LATERAL (SELECT c.created_at, u.email AS author, c.body FROM comments c JOIN users u ON u.id = c.author_id
                            WHERE c.sample_id = t.sample_id ORDER BY c.created_at DESC, c.id DESC LIMIT 1) latest
      ORDER BY t.unread > 0 DESC, latest.created_at DESC
      LIMIT $2`,
    [userId, limit],
  );
  return rows;
}

export async function unreadMentions(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM comment_mentions WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return rows[0]!.count;
}

/** Marks the user's mentions in a sample's thread read; how many were unread. */
export async function markThreadRead(db: Queryable, userId: string, sampleId: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE comment_mentions m SET read_at = now() FROM comments c
      WHERE c.id = m.comment_id AND c.sample_id = $2 AND m.user_id = $1 AND m.read_at IS NULL`,
    [userId, sampleId],
  );
  return rowCount ?? 0;
}
