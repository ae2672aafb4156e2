/**
 * The web process: Next.js behind Node's own HTTP server, so that each request can carry the address of
 * the socket it came in on (`CLIENT_ADDRESS_HEADER`; route handlers cannot see the socket, and a header
 * the client wrote would be the client's own word). Any copy of that header the client sent is removed
 * first. Here too, on the raw request target (Next.js re-encodes broken percent-encoding before anything of
 * ours sees it), the input rule (`input-text.ts`) for paths and query strings: a path that breaks it is a
 * 404, a query parameter a 422 naming it, so no such text reaches a page, a route or a query. Run as `node --import tsx lib/http/web-server.ts --port N --host H [--dev]` (`webServerArgs`).
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { CLIENT_ADDRESS_HEADER } from "../auth/client-address";
import { NotFoundError, userErrorBody, ValidationError, type UserError } from "../errors";
import { pathIsClean, queryTextProblems } from "./input-text";

const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" }, dev: { type: "boolean" } } });
const port = Number(values.port ?? 3000);
const host = values.host ?? "127.0.0.1";
const app = next({ dev: values.dev ?? false, dir: process.cwd(), hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

/** The answer to a request target that breaks the input rule, or null for one that keeps it. */
function refusal(target: string): UserError | null {
  const queryAt = target.indexOf("?");
  const pathname = queryAt < 0 ? target : target.slice(0, queryAt);
  if (!pathIsClean(pathname)) return new NotFoundError();
  const fields = queryAt < 0 ? {} : queryTextProblems(target.slice(queryAt));
  return Object.keys(fields).length > 0 ? new ValidationError(fields) : null;
}

const server = createServer((request, response) => {
  const refused = refusal(request.url ?? "/");
  if (refused) {
    response.writeHead(refused.status, { "content-type": "application/json" }).end(JSON.stringify(userErrorBody(refused)));
    return;
  }
  const raw = request.rawHeaders;
  const kept: string[] = [];
  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index]!.toLowerCase() !== CLIENT_ADDRESS_HEADER) kept.push(raw[index]!, raw[index + 1]!);
  }
  request.rawHeaders.splice(0, raw.length, ...kept, CLIENT_ADDRESS_HEADER, request.socket.remoteAddress ?? "");
  request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  void handle(request, response);
});
server.listen(port, host, () => process.stdout.write(`web server listening on http://${host.includes(":") ? `[${host}]` : host}:${port}\n`));

const stop = () => server.close(() => void app.close().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
