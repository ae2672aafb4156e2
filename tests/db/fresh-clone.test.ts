import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/fixtures";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

describe("a fresh clone", () => {
  it("runs a gts command without any generate step first", async () => {
    // The files a clone has (tracked, or new and not ignored): no lib/generated, no build; the installed packages are shared.
    const clone = await tempDir("gts-clone-");
    const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    for (const file of stdout.split("\0").filter((name) => name !== "")) {
      const exists = await fs.stat(path.join(root, file)).then(() => true, () => false);
      if (exists) await fs.cp(path.join(root, file), path.join(clone, file), { recursive: true });
    }
    await fs.symlink(path.join(root, "node_modules"), path.join(clone, "node_modules"));
    expect(await fs.stat(path.join(clone, "lib", "generated")).then(() => true, () => false)).toBe(false);
    const script = JSON.parse(await fs.readFile(path.join(clone, "package.json"), "utf8")).scripts.gts as string;
    const [node, ...flags] = script.split(" ");
    expect(node).toBe("node");
    const { stderr } = await run(process.execPath, [...flags, "--help"], { cwd: clone, env: { ...process.env, DATABASE_URL: "" } });
    expect(stderr).toContain("usage: npm run gts -- <command>");
    expect(await fs.stat(path.join(clone, "lib", "generated", "prisma", "index.js")).then(() => true, () => false)).toBe(true);
  }, 120_000);
});
