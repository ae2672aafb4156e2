import readline from "node:readline";

/** Reads the first line of stdin (a password piped in or typed), without echoing it into logs. */
export async function readStdinLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}
