import path from "node:path";

/**
 * The arguments to `node` that start the web process (`web-server.ts`) from the project root, for
 * `gts serve`, the end-to-end tests and the benchmark alike.
 */
export function webServerArgs(options: { port: number | string; host: string; dev?: boolean }): string[] {
  return ["--import", "tsx", path.join("lib", "http", "web-server.ts"), "--port", String(options.port), "--host", options.host, ...(options.dev ? ["--dev"] : [])];
}
