import { OPERATIONS } from "../openapi/document";

// The API's routes as patterns, from the OpenAPI operations: a request is labelled by its route, never by
// its concrete path, so a metric does not grow a series per sample id. Fewer parameters first: a fixed
// segment (`/imports/preview`) wins over a parameter in its place (`/imports/{id}`).
const parameters = (path: string) => path.split("{").length;
const patterns = [...new Set(OPERATIONS.map((operation) => operation.path))]
  .sort((a, b) => parameters(a) - parameters(b))
  .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`) }));

/** The OpenAPI path a request's path belongs to (`/api/v1/samples/{id}`), or "other". */
export function routeTemplate(pathname: string): string {
  return patterns.find(({ pattern }) => pattern.test(pathname))?.path ?? "other";
}
