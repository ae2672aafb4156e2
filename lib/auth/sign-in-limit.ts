import { setTimeout as sleep } from "node:timers/promises";
import { pool } from "../db/pool";
import { UserError } from "../errors";

const settings = () => ({
  windowMinutes: Number(process.env.GTS_SIGNIN_WINDOW_MINUTES ?? 15),
  perClient: Number(process.env.GTS_SIGNIN_MAX_PER_CLIENT ?? 5),
  perAddress: Number(process.env.GTS_SIGNIN_MAX_PER_ADDRESS ?? 20),
  maxDelayMs: Number(process.env.GTS_SIGNIN_MAX_DELAY_SECONDS ?? 8) * 1000,
});

/** The first slow-down, doubled with each further failure on the account. */
const BASE_DELAY_MS = 250;

export class TooManySignInAttempts extends UserError {
  constructor(minutes: number) {
    super(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, 429, "rate_limited");
  }
}

export type SignInGate = { delayMs: number };

/**
 * How a password attempt on `email` from `address` may proceed, from the failures of the window:
 * - a client that has failed this account `perClient` times is refused it until the window passes;
 * - a client that has failed `perAddress` times across accounts (spraying) is refused everything;
 * - past `perClient` failures on the account from all clients together, every attempt on it waits
 *   `BASE_DELAY_MS × 2^(failures − perClient − 1)`, at most `maxDelayMs`, and is then checked as usual.
 * So nobody can lock an owner out: failures from elsewhere only slow the owner's right password down. An
 * unknown address (no web server or proxy told us) is not one shared bucket, which would be a lockout
 * switch again: such attempts get the account's delay only.
 */
export async function signInGate(email: string, address: string | null): Promise<SignInGate> {
  const { windowMinutes, perClient, perAddress, maxDelayMs } = settings();
  const { rows } = await pool().query<{ pair: number; address: number; account: number; pair_oldest: Date | null; address_oldest: Date | null }>(
    `SELECT count(*) FILTER (WHERE email = $1 AND ip = $2)::int AS pair,
            count(*) FILTER (WHERE ip = $2)::int AS address,
            count(*) FILTER (WHERE email = $1)::int AS account,
            min(at) FILTER (WHERE email = $1 AND ip = $2) AS pair_oldest,
            min(at) FILTER (WHERE ip = $2) AS address_oldest
       FROM sign_in_attempts
      WHERE NOT succeeded AND at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)`,
    [email, address, windowMinutes],
  );
  const counts = rows[0]!;
  const refusedSince = counts.pair >= perClient ? counts.pair_oldest : counts.address >= perAddress ? counts.address_oldest : null;
  if (refusedSince) {
    const freeAt = refusedSince.getTime() + windowMinutes * 60_000;
    throw new TooManySignInAttempts(Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000)));
  }
  const excess = counts.account - perClient;
  return { delayMs: excess <= 0 ? 0 : Math.min(maxDelayMs, BASE_DELAY_MS * 2 ** (excess - 1)) };
}

/** Passes the gate: throws when refused, otherwise waits out the account's delay. */
export async function awaitSignInGate(email: string, address: string | null): Promise<void> {
  const { delayMs } = await signInGate(email, address);
  if (delayMs > 0) await sleep(delayMs);
}

export async function recordSignInAttempt(email: string, address: string | null, succeeded: boolean): Promise<void> {
  await pool().query(`INSERT INTO sign_in_attempts (email, ip, succeeded) VALUES ($1, $2, $3)`, [email, address, succeeded]);
}
