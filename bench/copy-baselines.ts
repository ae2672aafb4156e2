import { createReadStream } from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/**
 * The physical ceiling for the import: a raw COPY of the same lines' columns (text and the judges as
 * jsonb) into a plain table, with no validation, no hashing and no index but the key.
 */
export async function copyImportRate(client: pg.PoolClient, file: string): Promise<number> {
  await client.query(`CREATE TEMP TABLE bench_copy (external_id text PRIMARY KEY, question text, thinking text, answer text, category text, judges jsonb)`);
  const started = performance.now();
  let rows = 0;
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const stream = client.query(copyFrom(`COPY bench_copy FROM STDIN`));
  for await (const line of lines) {
    const record = JSON.parse(line) as { id: string; question: string; thinking: string; answer: string; category: string; judges: unknown };
    const row = `${[record.id, record.question, record.thinking, record.answer, record.category, JSON.stringify(record.judges)].map(escape).join("\t")}\n`;
    rows += 1;
    if (!stream.write(row)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  }
  stream.end();
  await new Promise<void>((resolve, reject) => {
    stream.on("finish", () => resolve());
    stream.on("error", reject);
  });
  const seconds = (performance.now() - started) / 1000;
  await client.query(`DROP TABLE bench_copy`);
  return rows / seconds;
}

/** The ceiling for the export: `COPY (SELECT row_to_json(...)) TO STDOUT` of the same samples with their judges. */
export async function copyExportRate(client: pg.PoolClient, datasetId: string): Promise<number> {
  const started = performance.now();
  let rows = 0;
  const stream = client.query(
    copyTo(`COPY (SELECT row_to_json(x) FROM (
              SELECT s.external_id, s.question, s.thinking, s.answer, s.route, s.judges
                FROM samples s WHERE s.dataset_id = '${datasetId}' ORDER BY s.id) x) TO STDOUT`),
  );
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        // indexOf is a native scan; a per-byte loop in JavaScript was slower than PostgreSQL's side.
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows += 1;
        callback();
      },
    }),
  );
  return rows / ((performance.now() - started) / 1000);
}
