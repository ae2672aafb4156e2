import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | null;

/**
 * One field in COPY's CSV format: NULL is an empty unquoted field; text is quoted, with its quotes
 * doubled, so newlines and commas inside need no escaping (one search for `"` instead of four).
 */
function field(value: CopyValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/**
 * Writes rows with `COPY … FROM STDIN` inside the caller's transaction: for bulk writes it costs the
 * server less than an `INSERT … SELECT unnest(…)` of the same rows (no array literals to parse), and the
 * client only one string per megabyte. Table and column names are the caller's constants, never input.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN (FORMAT csv)`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", () => resolve());
    stream.on("error", reject);
  });
  // A server error ends the stream without a drain: waiting on `done` as well lets it surface.
  done.catch(() => {});
  let chunk = "";
  for (const row of rows) {
    chunk += `${row.map(field).join(",")}\n`;
    if (chunk.length >= 1 << 20) {
      if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), done]);
      chunk = "";
    }
  }
  stream.end(chunk);
  await done;
}
