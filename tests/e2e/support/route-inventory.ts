import fs from "node:fs";
import path from "node:path";

const APP = path.resolve(import.meta.dirname, "../../../app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler and page in app/, as "METHOD /path/[param]" and "PAGE /path/[param]". */
export function inventory(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts" || entry.name === "page.tsx") {
        const route = `/${path.relative(APP, dir).split(path.sep).join("/")}`.replace(/\/$/, "") || "/";
        if (entry.name === "page.tsx") {
          found.push(`PAGE ${route}`);
          continue;
        }
        const source = fs.readFileSync(full, "utf8");
        for (const method of METHODS) {
          if (new RegExp(`export const ${method}\\b|as ${method}\\b`).test(source)) found.push(`${method} ${route}`);
        }
      }
    }
  };
  walk(APP);
  return found.sort();
}
