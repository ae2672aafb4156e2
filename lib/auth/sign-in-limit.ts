import { pool } from "../db/pool";
import { UserError } from "../errors";

const WINDOW_MINUTES = Number(process.env.GTS_SIGNIN_WINDOW_MINUTES ?? 15);
const PER_ACCOUNT = Number(process.env.GTS_SIGNIN_MAX_PER_ACCOUNT ?? 5);
const PER_ADDRESS = Number(process.env.GTS_SIGNIN_MAX_PER_ADDRESS ?? 20);

export class TooManySignInAttempts extends UserError {
  constructor(minutes: number) {
    super(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, 429, "rate_limited");
  }
}

/**
 * Refuses a sign-in when the account or the address has failed too often in the window. Checked before
 * the password, so a locked account costs no hash and answers the same whatever the password. Without a
 * known address (`ip` null) only the account's limit applies: one shared bucket for every unknown
 * address would let one attacker lock everybody out.
 */
export async function assertSignInAllowed(email: string, ip: string | null): Promise<void> {
  const { rows } = await pool().query<{ account: number; address: number; oldest: Date | null }>(
    `SELECT count(*) FILTER (WHERE email = $1)::int AS account,
            count(*) FILTER (WHERE ip = $2)::int AS address,
            min(at) AS oldest
       FROM sign_in_attempts
      WHERE NOT succeeded AND at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)`,
    [email, ip, WINDOW_MINUTES],
  );
  const { account, address, oldest } = rows[0]!;
  if (account >= PER_ACCOUNT || address >= PER_ADDRESS) {
    const freeAt = (oldest?.getTime() ?? Date.now()) + WINDOW_MINUTES * 60_000;
    throw new TooManySignInAttempts(Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000)));
  }
}

export async function recordSignInAttempt(email: string, ip: string | null, succeeded: boolean): Promise<void> {
  await pool().query(`INSERT INTO sign_in_attempts (email, ip, succeeded) VALUES ($1, $2, $3)`, [email, ip, succeeded]);
}
