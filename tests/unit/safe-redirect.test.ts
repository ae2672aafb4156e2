import { describe, expect, it } from "vitest";
import { guardAuthCallback } from "@/lib/auth/auth-callback-guard";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

const origin = "http://localhost:3000";

describe("the post-sign-in redirect", () => {
  it("keeps paths and same-origin URLs, as paths", () => {
    expect(safeRedirectPath("/samples?dataset=demo#s-1", origin)).toBe("/samples?dataset=demo#s-1");
    expect(safeRedirectPath("queue", origin)).toBe("/queue");
    expect(safeRedirectPath("http://localhost:3000/exports", origin)).toBe("/exports");
    expect(safeRedirectPath("/%5Cevil.example/", origin)).toBe("/%5Cevil.example/");
  });

  it("refuses what a browser would take off the site: the findings' payloads and their relatives", () => {
    // As the sign-in page receives them: Next.js has already percent-decoded the query.
    for (const target of ["/\\evil.example/", "/\t/evil.example/", "/\n/evil.example", "//evil.example/", "\\\\evil.example", "https://evil.example/", "http://localhost:3001/", "javascript:alert(1)", "http://[", "data:text/html,x"]) {
      expect(safeRedirectPath(target, origin, "/fallback"), target).toBe("/fallback");
    }
  });

  it("never writes a path that names another host, and falls back on anything that is not a string", () => {
    expect(safeRedirectPath("http://localhost:3000//evil.example/x", origin)).toBe("/evil.example/x");
    expect(safeRedirectPath("/./..//evil.example", origin)).toBe("/evil.example");
    expect(safeRedirectPath(["/a", "/b"], origin)).toBe("/");
    expect(safeRedirectPath(undefined, origin)).toBe("/");
    expect(safeRedirectPath("", origin)).toBe("/");
  });
});

describe("next-auth's callbackUrl, made safe before next-auth validates it", () => {
  it("rewrites a malformed query value and cookie to a URL on the origin, and leaves other cookies alone", () => {
    const guarded = guardAuthCallback(new URL("http://localhost:3000/api/auth/signin?callbackUrl=http%3A%2F%2F%5B"), "a=1; next-auth.callback-url=javascript%3Aalert(1); b=2", origin);
    expect(new URLSearchParams(guarded!.search).get("callbackUrl")).toBe("http://localhost:3000/");
    expect(guarded!.cookie).toBe("a=1; next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F; b=2");
  });

  it("changes nothing that is already an absolute URL on the origin", () => {
    expect(guardAuthCallback(new URL("http://localhost:3000/api/auth/signin?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Fqueue"), "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2Fqueue", origin)).toBeNull();
    expect(guardAuthCallback(new URL("http://localhost:3000/api/auth/session"), null, origin)).toBeNull();
    expect(guardAuthCallback(new URL("http://localhost:3000/api/auth/signin?callbackUrl=%2Fsamples"), "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000", origin)).toBeNull();
  });
});
