import fs from "node:fs/promises";
import path from "node:path";

/** The app's version, from the package.json it runs from; the export manifest and the API document carry it. */
export async function appVersion(): Promise<string> {
  const text = await fs.readFile(path.join(process.cwd(), "package.json"), "utf8").catch(() => "{}");
  return (JSON.parse(text) as { version?: string }).version ?? "unknown";
}
