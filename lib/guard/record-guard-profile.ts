import type pg from "pg";
import type { GuardProfile } from "./guard-profile";

/**
 * Keeps the profile a worker queries with, or an export writes with, under its prompt's SHA-256, so that
 * the hash on a pre-label or in a manifest can be named and its prompt read back. The latest name and
 * template win; the prompt cannot differ, since it is the key's preimage (a CHECK holds them together).
 */
export async function recordGuardProfile(db: pg.Pool | pg.PoolClient, profile: GuardProfile): Promise<void> {
  await db.query(
    `INSERT INTO guard_profiles (system_prompt_sha256, name, system_prompt, completion_template) VALUES ($1, $2, $3, $4)
     ON CONFLICT (system_prompt_sha256) DO UPDATE SET name = EXCLUDED.name, completion_template = EXCLUDED.completion_template, last_used_at = now()`,
    [profile.systemPromptSha256, profile.name, profile.systemPrompt, profile.completionTemplate],
  );
}
