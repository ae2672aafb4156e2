import { describe, expect, it } from "vitest";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can, PERMISSIONS } from "@/lib/auth/permissions";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";

const actor = (role: Actor["role"]): Actor => ({ userId: "u", email: "u@x", role, via: "session" });

describe("permissions", () => {
  it("lets every role read samples but only admins import and manage users", () => {
    expect(["admin", "expert", "viewer"].map((role) => can("sample:read", role as Actor["role"]))).toEqual([true, true, true]);
    expect(["admin", "expert", "viewer"].map((role) => can("sample:import", role as Actor["role"]))).toEqual([true, false, false]);
    expect(can("sample:adjudicate", "viewer")).toBe(false);
    expect(can("sample:adjudicate", "expert")).toBe(true);
    expect(can("user:manage", "expert")).toBe(false);
  });

  it("gives admin every action", () => {
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can(action, "admin")).toBe(true);
  });

  it("distinguishes nobody (401) from a role that may not (403)", () => {
    expect(() => assertCan(null, "sample:read")).toThrow(UnauthenticatedError);
    expect(() => assertCan(actor("viewer"), "export:create")).toThrow(ForbiddenError);
    expect(() => assertCan(actor("viewer"), "sample:read")).not.toThrow();
  });
});
