import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { OPERATIONS, openApiDocument } from "@/lib/openapi/document";
import { adjudicationInputSchema } from "@/lib/services/queue/queue-schemas";

const root = path.resolve(import.meta.dirname, "../..");
// next-auth's own endpoints (sign-in, callback, CSRF, session) are its protocol, not our API.
const NOT_OURS = new Set(["app/api/auth/[...nextauth]/route.ts"]);

/** Every route file under app/, as "METHOD /path" with OpenAPI's `{param}` for a `[param]` folder. */
function routeOperations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name === "route.ts" && !NOT_OURS.has(relative)) {
        const route = `/${dir.replace(/^app\/?/, "")}`.replace(/\[([^\]]+)\]/g, "{$1}");
        for (const [, method] of fs.readFileSync(path.join(root, relative), "utf8").matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)) found.push(`${method} ${route}`);
      }
    }
  };
  walk("app");
  return found.sort();
}

const document = openApiDocument("test");

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("describes exactly the routes the app serves, each method once", () => {
    const documented = OPERATIONS.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`).sort();
    expect(new Set(documented).size).toBe(documented.length);
    const served = routeOperations();
    // Both ways: a route without an entry, and an entry without a route, each fail here by name.
    expect(served.filter((operation) => !documented.includes(operation))).toEqual([]);
    expect(documented.filter((operation) => !served.includes(operation))).toEqual([]);
    expect(served.length).toBeGreaterThan(50);
  });

  it("points every reference at a schema it holds", () => {
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    const refs = new Set<string>();
    JSON.stringify(document, (key, value: unknown) => {
      if (key === "$ref") refs.add(String(value));
      return value;
    });
    expect(refs.size).toBeGreaterThan(3);
    for (const ref of refs) expect(schemas[ref.replace("#/components/schemas/", "")], ref).toBeDefined();
  });

  it("takes its request bodies from the schemas the server parses with", () => {
    const decide = (document.paths as Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>)["/api/v1/samples/{id}/adjudications"]!.post!;
    const schema = decide.requestBody.content["application/json"]!.schema;
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(adjudicationInputSchema.shape).sort());
    expect(schema.properties.judgment).toMatchObject({ enum: [0, 0.5, 1] });
  });

  it("asks for a bearer token or the session everywhere but the invitation links, and lists the roles from the permission map", () => {
    expect(document.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    const paths = document.paths as Record<string, Record<string, { security?: unknown[]; description: string; responses: Record<string, unknown> }>>;
    expect(paths["/api/v1/invitations/{token}"]!.get!.security).toEqual([]);
    expect(paths["/api/v1/invitations/{token}"]!.get!.responses["401"]).toBeUndefined();
    expect(paths["/api/v1/exports"]!.post!.description).toContain("Roles: admin (`export:create`)");
    expect(paths["/api/v1/queue/claim"]!.post!.responses["403"]).toBeDefined();
    expect(paths["/api/v1/queue/claim"]!.post!.responses["204"]).toBeDefined();
  });
});
