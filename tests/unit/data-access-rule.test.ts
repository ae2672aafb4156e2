import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/architecture.md, "Data access": services and entry points hold no SQL; each area's statements live
// in its *-sql.ts modules (and the lease transitions in leases.ts).
const root = path.resolve(import.meta.dirname, "../..");
const STATEMENT = /\b(SELECT\s[\s\S]{0,400}?\bFROM\s+[a-z_]|INSERT\s+INTO\s|UPDATE\s+[a-z_.]+\s+SET\s|DELETE\s+FROM\s|pg_advisory_\w*lock)/;
const holdsSql = (file: string) => /-sql\.ts$/.test(file) || file.endsWith(path.join("services", "queue", "leases.ts"));

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => path.join(folder, name));
}

describe("the data-access rule", () => {
  const checked = ["lib/services", "app", "components", "workers", "lib/cli", "lib/http"].flatMap(sourceFiles).filter((file) => !holdsSql(file));

  it("checks the service files", () => {
    expect(checked.filter((file) => file.startsWith("lib/services")).length).toBeGreaterThan(40);
  });

  it("finds no SQL statement in a service or an entry point", () => {
    const offenders = checked.filter((file) => STATEMENT.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("would see a statement written in a service", () => {
    expect(STATEMENT.test("await client.query(`SELECT id FROM datasets WHERE name = $1`, [name]);")).toBe(true);
    expect(STATEMENT.test("`UPDATE import_runs SET options = $2 WHERE id = $1`")).toBe(true);
    expect(STATEMENT.test("// select the next sample from the queue")).toBe(false);
  });
});
