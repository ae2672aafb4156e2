import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions";
// The error body's schema registers itself (as `Error`) with the components when this module loads.
import "./common";
import type { Operation, Refusal } from "./operation";
import { accountOperations } from "./paths/account";
import { adminOperations } from "./paths/admin";
import { dataOperations } from "./paths/data";
import { metaOperations } from "./paths/meta";
import { queueOperations } from "./paths/queue";
import { sampleOperations } from "./paths/samples";

/** Every operation of the API; a test holds this list and the route files to each other. */
export const OPERATIONS: readonly Operation[] = [...queueOperations, ...sampleOperations, ...dataOperations, ...adminOperations, ...accountOperations, ...metaOperations];

type JsonSchema = Record<string, unknown>;
const ref = (id: string) => `#/components/schemas/${id}`;

/** A JSON Schema without the keys only a standalone document has: the document holds its named parts itself. */
function embedded(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  for (const key of ["$schema", "$id", "$defs"]) delete copy[key];
  return copy;
}

/** A zod schema as OpenAPI 3.1 takes it (JSON Schema 2020-12); named schemas become references to the components. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: ref(id) };
  const standalone = z.toJSONSchema(schema, { io, unrepresentable: "throw" }) as JsonSchema;
  // A named schema inside comes out as `#/$defs/<id>`; the document keeps each one once, in the components.
  return JSON.parse(JSON.stringify(embedded(standalone)).replaceAll('"#/$defs/', `"${ref("")}`)) as JsonSchema;
}

/** The named schemas (zod metadata `id`), each once under components.schemas. */
function components(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: "output", unrepresentable: "throw", uri: ref }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, embedded(schema)]));
}

function operationId({ method, path }: Operation): string {
  const words = path
    .replace(/^\/api\/(v1\/)?/, "")
    .split(/[/.-]/)
    .filter(Boolean)
    .map((word) => (word.startsWith("{") ? `by ${word.slice(1, -1)}` : word));
  return [method, ...words.flatMap((word) => word.split(" "))].map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join("");
}

function parameters(operation: Operation) {
  const inPath = Object.entries(operation.params ?? {}).map(([name, schema]) => ({ name, in: "path", required: true, schema: jsonSchema(schema, "input") }));
  if (!operation.query) return inPath;
  const query = jsonSchema(operation.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: query.required?.includes(name) ?? false,
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    schema,
  }));
  return [...inPath, ...inQuery];
}

const errorReply = (description: string) => ({ description, content: { "application/json": { schema: { $ref: ref("Error") } } } });

/** The refusals every route can give, merged with the operation's own (a 403 it names adds its codes). */
function refusals(operation: Operation): Record<string, unknown> {
  const own = new Map<number, Refusal>((operation.refusals ?? []).map((refusal) => [refusal.status, refusal]));
  const replies: Record<string, unknown> = {};
  if (operation.access !== "public") replies["401"] = errorReply("`unauthenticated`: no valid session or bearer token");
  if (operation.access !== "public" && operation.access !== "signed-in") {
    const codes = ["forbidden", ...(own.get(403)?.codes.filter((code) => code !== "forbidden") ?? [])];
    replies["403"] = errorReply(`${codes.map((code) => `\`${code}\``).join(", ")}: ${own.get(403)?.description ?? "the caller's role does not allow this"}`);
    own.delete(403);
  }
  for (const [status, refusal] of own) replies[String(status)] = errorReply(`${refusal.codes.map((code) => `\`${code}\``).join(", ")}: ${refusal.description}`);
  replies["422"] = errorReply("`invalid`: a field, parameter or the body is not valid; `fields` says which and why");
  replies["500"] = errorReply("`internal`: logged under `reference`, nothing else revealed");
  return replies;
}

function describe(operation: Operation): string {
  const who =
    operation.access === "public"
      ? "No sign-in."
      : operation.access === "signed-in"
        ? "Any signed-in user."
        : `Roles: ${PERMISSIONS[operation.access].join(", ")} (\`${operation.access}\`).`;
  return [operation.description, who].filter(Boolean).join("\n\n");
}

function pathItem(operation: Operation) {
  const { body } = operation;
  return {
    operationId: operationId(operation),
    tags: [operation.tag],
    summary: operation.summary,
    description: describe(operation),
    ...(operation.access === "public" ? { security: [] } : {}),
    parameters: parameters(operation),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: "schema" in body ? { "application/json": { schema: jsonSchema(body.schema, "input") } } : { [body.contentType]: { schema: { type: "string", contentMediaType: body.contentType, description: body.description } } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        operation.replies.map((reply) => [
          String(reply.status),
          {
            description: reply.description,
            ...("schema" in reply ? { content: { "application/json": { schema: jsonSchema(reply.schema, "output") } } } : "contentType" in reply ? { content: { [reply.contentType]: {} } } : {}),
          },
        ]),
      ),
      ...refusals(operation),
    },
  };
}

/** The API's OpenAPI 3.1 document, built from the operations and the schemas the server parses with. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) (paths[operation.path] ??= {})[operation.method] = pathItem(operation);
  return {
    openapi: "3.1.0",
    info: {
      title: "GuardTrace Studio API",
      version,
      description: "Import QTA samples, work the adjudication queue, read the agreement statistics and export training pairs. Every answer is JSON unless said otherwise; every refusal is `{error: {code, message}}`.",
    },
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token (`gts token create`, or the account page): `Authorization: Bearer gts_…`" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The app's own pages. A state-changing request with it must come from the app's origin and send its body's Content-Type.",
        },
      },
      schemas: components(),
    },
  };
}
