import type { Queryable } from "../../db/pool";

type Role = "admin" | "expert" | "viewer";

/** The new user, or null when the email is taken (the unique key settles a race). */
export async function insertUser(db: Queryable, user: { email: string; name: string | null; passwordHash: string | null; role: Role }): Promise<{ id: string; email: string; role: Role } | null> {
  const { rows } = await db.query<{ id: string; email: string; role: Role }>(
    `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO NOTHING RETURNING id, email, role`,
    [user.email, user.name, user.passwordHash, user.role],
  );
  return rows[0] ?? null;
}

/** The user's password hash, locked until the transaction ends (a change reads, checks, then writes it). */
export async function lockPasswordHash(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ password_hash: string | null }>(`SELECT password_hash FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  return rows[0]?.password_hash ?? null;
}

export async function setPasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
}

export type UserRow = { id: string; email: string; name: string | null; role: Role; disabled_at: Date | null; created_at: Date; last_decision: Date | null };

/** Every user by email, with the time of their last decision. */
export async function userRows(db: Queryable): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.disabled_at, u.created_at,
            (SELECT max(a.created_at) FROM adjudications a WHERE a.expert_id = u.id) AS last_decision
       FROM users u ORDER BY u.email`,
  );
  return rows;
}

export type UserState = { email: string; role: string; disabled_at: Date | null };

/** The user's role and state, locked until the transaction ends. */
export async function lockUserState(db: Queryable, userId: string): Promise<UserState | null> {
  const { rows } = await db.query<UserState>(`SELECT email, role::text, disabled_at FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  return rows[0] ?? null;
}

/** Sets the role and the disabled flag where given (null keeps each as it is); disabling keeps the first time. */
export async function updateUserState(db: Queryable, userId: string, change: { role: Role | null; disabled: boolean | null }): Promise<UserState> {
  const { rows } = await db.query<UserState>(
    `UPDATE users SET role = coalesce($2::role, role),
                      disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN coalesce(disabled_at, now()) ELSE NULL END,
                      updated_at = now()
      WHERE id = $1 RETURNING email, role::text, disabled_at`,
    [userId, change.role, change.disabled],
  );
  return rows[0]!;
}

/** Replaces the user's groups, returning the previous ones. */
export async function replaceUserGroups(db: Queryable, userId: string, groups: string[]): Promise<string[]> {
  const { rows } = await db.query<{ groups: string[] }>(`SELECT groups FROM users WHERE id = $1`, [userId]);
  await db.query(`UPDATE users SET groups = $2::text[], updated_at = now() WHERE id = $1`, [userId, groups]);
  return rows[0]?.groups ?? [];
}

/** The user's id by email; null when there is no such user. */
export async function userIdByEmail(db: Queryable, email: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
  return rows[0]?.id ?? null;
}

type ViewingRow = { reveal_images: boolean; grayscale_images: boolean };

/** The user's safe-viewing preferences; `lock` holds the row until the transaction ends (a change reads, then writes them). */
export async function viewingOf(db: Queryable, userId: string, lock = false): Promise<ViewingRow | null> {
  const { rows } = await db.query<ViewingRow>(`SELECT reveal_images, grayscale_images FROM users WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [userId]);
  return rows[0] ?? null;
}

export async function writeViewing(db: Queryable, userId: string, viewing: ViewingRow): Promise<void> {
  await db.query(`UPDATE users SET reveal_images = $2, grayscale_images = $3, updated_at = now() WHERE id = $1`, [userId, viewing.reveal_images, viewing.grayscale_images]);
}

export async function insertInvitation(db: Queryable, invitation: { tokenHash: string; userId: string; createdById: string | null; days: number }): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO invitations (token_hash, user_id, created_by_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING expires_at`,
    [invitation.tokenHash, invitation.userId, invitation.createdById, invitation.days],
  );
  return rows[0]!.expires_at;
}

/**
 * Uses the invitation with this token hash, once: the conditional update settles two tabs racing with
 * the same link. The invited user's id and email, or null when the link is unknown, used or run out.
 */
export async function useInvitation(db: Queryable, tokenHash: string): Promise<{ user_id: string; email: string } | null> {
  const { rows } = await db.query<{ user_id: string; email: string }>(
    `UPDATE invitations i SET used_at = now() FROM users u
      WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND u.id = i.user_id AND u.disabled_at IS NULL
      RETURNING i.user_id, u.email`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Whom a live invitation is for, without using it: what the page the link opens greets. */
export async function invitationFor(db: Queryable, tokenHash: string): Promise<{ email: string; expires_at: Date } | null> {
  const { rows } = await db.query<{ email: string; expires_at: Date }>(
    `SELECT u.email, i.expires_at FROM invitations i JOIN users u ON u.id = i.user_id
      WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return rows[0] ?? null;
}
