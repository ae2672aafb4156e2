import { hash } from "node:crypto";
import type pg from "pg";

/**
 * A query sent as a named prepared statement: each connection plans it once, not on every call. For the
 * hot paths whose planning costs more than their execution (the claim, the sample page: several joins
 * and subqueries, a millisecond or more to plan, a tenth of that to run). The name comes from the text,
 * so each filter combination is its own statement.
 */
export function preparedQuery<R extends pg.QueryResultRow>(
  queryable: pg.Pool | pg.ClientBase,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  return queryable.query<R>({ name: `gts_${hash("sha1", text).slice(0, 20)}`, text, values });
}
