import { createRequire } from "node:module";
import pg from "pg";
import PgBoss from "pg-boss";
import { PGBOSS_SCHEMA } from "../jobs/boss";

/**
 * Least privilege: two roles. The owner owns the schemas and runs the migrations and pg-boss's own
 * installation; the app (the web server, the workers, every other command) reads and writes rows and
 * cannot alter a table, and may only insert into and read the audit trail. `prepareDatabase` sets both up.
 */
export const EMBEDDED_OWNER = "gts_owner";
export const EMBEDDED_APP = "gts_app";

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The role a connection string signs in as. */
export function roleOf(url: string): Promise<string> {
  return withClient(url, async (client) => (await client.query<{ role: string }>("SELECT current_user AS role")).rows[0]!.role);
}

/**
 * On a server we administer (the embedded one, as its superuser): creates the owner and app roles or
 * resets their passwords, and hands the database's schemas and everything in them to the owner, which a
 * database from before the roles existed needs once.
 */
export async function ensureRoles(superUrl: string, roles: { owner: string; ownerPassword: string; app: string; appPassword: string }): Promise<void> {
  await withClient(superUrl, async (client) => {
    for (const [role, password] of [[roles.owner, roles.ownerPassword], [roles.app, roles.appPassword]] as const) {
      const exists = (await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).rowCount! > 0;
      const quotedPassword = (await client.query<{ literal: string }>(`SELECT quote_literal($1) AS literal`, [password])).rows[0]!.literal;
      await client.query(`${exists ? "ALTER" : "CREATE"} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${quotedPassword}`);
    }
    const database = (await client.query<{ name: string }>(`SELECT current_database() AS name`)).rows[0]!.name;
    await client.query(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(roles.owner)}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${ident(roles.owner)}`);
    await adoptObjects(client, roles.owner);
  });
}

/** Makes `owner` the owner of every relation, type and function in public and pg-boss's schema. */
async function adoptObjects(client: pg.Client, owner: string) {
  const schemas = ["public", PGBOSS_SCHEMA];
  const { rows: schemaRows } = await client.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1) AND nspowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)`,
    [schemas, owner],
  );
  for (const { name } of schemaRows) await client.query(`ALTER SCHEMA ${ident(name)} OWNER TO ${ident(owner)}`);
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, n.nspname, c.relname, $2::text) AS statement
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, $2::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = ANY($1) AND t.typtype IN ('e', 'd') AND t.typowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)
     UNION ALL
     SELECT format('ALTER FUNCTION %I.%I(%s) OWNER TO %I', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), $2::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = ANY($1) AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)`,
    [schemas, owner],
  );
  for (const { statement } of rows) await client.query(statement);
}

/**
 * As the owner: installs or upgrades pg-boss's schema, and lets the app create a queue (pg-boss makes
 * a partition table per queue, and the prelabel worker has one queue per model version) only through
 * pg-boss's own function, run with the owner's rights.
 */
export async function installJobSchema(ownerUrl: string): Promise<void> {
  if (await jobSchemaReady(ownerUrl)) return;
  const boss = new PgBoss({ connectionString: ownerUrl, schema: PGBOSS_SCHEMA, max: 1, supervise: false, schedule: false, migrate: true });
  boss.on("error", () => {});
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  await withClient(ownerUrl, (client) => client.query(`ALTER FUNCTION ${PGBOSS_SCHEMA}.create_queue(text, json) SECURITY DEFINER SET search_path = ${PGBOSS_SCHEMA}, pg_catalog, pg_temp`));
}

/**
 * Whether pg-boss's schema is at the installed package's version and its queue function runs as the
 * owner: then there is nothing to do. One query, not a pg-boss start, since every command passes here.
 */
async function jobSchemaReady(url: string): Promise<boolean> {
  const { schema: expected } = createRequire(import.meta.url)("pg-boss/version.json") as { schema: number };
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ installed: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS installed`, [`${PGBOSS_SCHEMA}.version`]);
    if (!rows[0]!.installed) return false;
    const { rows: state } = await client.query<{ version: number; definer: boolean | null }>(
      `SELECT (SELECT version FROM ${PGBOSS_SCHEMA}.version LIMIT 1) AS version,
              (SELECT prosecdef FROM pg_proc WHERE proname = 'create_queue' AND pronamespace = to_regnamespace($1)) AS definer`,
      [PGBOSS_SCHEMA],
    );
    return state[0]!.version === expected && state[0]!.definer === true;
  });
}

// Every process grants at its start: two starting at once would race on the same catalog rows, which
// PostgreSQL answers with "tuple concurrently updated". One at a time, under this transaction lock.
const GRANT_LOCK_KEY = 7_281_904_117;

/** As the owner, after the migrations: what the app role may do, and nothing more (none when it is the owner). */
export async function grantAppRole(ownerUrl: string, app: string): Promise<void> {
  const role = ident(app);
  await withClient(ownerUrl, async (client) => {
    if ((await client.query<{ role: string }>("SELECT current_user AS role")).rows[0]!.role === app) return;
    await client.query("BEGIN");
    try {
      await grantInTransaction(client, role);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
}

async function grantInTransaction(client: pg.Client, role: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [GRANT_LOCK_KEY]);
  const database = (await client.query<{ name: string }>(`SELECT current_database() AS name`)).rows[0]!.name;
  await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${role}`);
  for (const schema of ["public", PGBOSS_SCHEMA]) {
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    // Tables the owner creates later (a new queue's partition) come with the same rights.
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`);
  }
  await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${PGBOSS_SCHEMA} TO ${role}`);
  // The audit trail is append-only for the app; the migrations' bookkeeping is the owner's alone.
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role}`);
  await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${role}`);
}
