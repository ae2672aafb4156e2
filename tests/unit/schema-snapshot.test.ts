import fs from "node:fs";
import { describe, expect, it } from "vitest";

describe("prisma schema", () => {
  it("has a migration for every change (the snapshot moves only with `npm run db:new-migration`)", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const migrated = fs.readFileSync("prisma/schema.snapshot.prisma", "utf8");
    expect(schema, "prisma/schema.prisma changed without a migration: run npm run db:new-migration -- NAME").toBe(migrated);
  });
});
