import { describe, expect, it } from "vitest";
import { auditChanges, auditValue } from "@/lib/audit/audit-diff";

describe("auditChanges", () => {
  it("lists only the fields that changed, nested ones by their dotted name", () => {
    const before = { auditShare: 0.05, goldRate: 0, dailyCap: null, access: { experts: ["a"], groups: [] } };
    const after = { auditShare: 0.05, goldRate: 0.1, dailyCap: 300, access: { experts: ["a", "b"], groups: [] } };
    expect(auditChanges(before, after)).toEqual([
      { field: "goldRate", before: 0, after: 0.1 },
      { field: "dailyCap", before: null, after: 300 },
      { field: "access.experts", before: ["a"], after: ["a", "b"] },
    ]);
  });

  it("shows a creation as every field new, a removal as every field gone, and nothing for no change", () => {
    expect(auditChanges(null, { email: "x@example.org", role: "expert" })).toEqual([
      { field: "email", before: undefined, after: "x@example.org" },
      { field: "role", before: undefined, after: "expert" },
    ]);
    expect(auditChanges({ note: "x" }, null)).toEqual([{ field: "note", before: "x", after: undefined }]);
    expect(auditChanges({ a: 1 }, { a: 1 })).toEqual([]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges("on", "off")).toEqual([{ field: "value", before: "on", after: "off" }]);
  });

  it("writes values for reading: text as itself, nothing as a dash, the rest as JSON", () => {
    expect([auditValue("expert"), auditValue(null), auditValue(undefined), auditValue(0.1), auditValue(["a"])]).toEqual(["expert", "—", "—", "0.1", '["a"]']);
  });
});
