import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";

export type Line = Record<string, unknown>;

export function sampleLine(id: string, overrides: Line = {}): Line {
  return {
    id,
    question: `Question ${id}?`,
    image: null,
    image_condition: "none",
    category: "crime",
    source: "S-Eval",
    model: "Qwen3-VL-8B-Thinking",
    thinking: `Step one for ${id}.\n\nStep two.`,
    answer: "I can't help with that.",
    judges: [
      { name: "gpt-5", analysis: "Safe.", judgment: 0 },
      { name: "gemini-2.5-pro", analysis: "Safe.", judgment: 0 },
      { name: "qwen3-vl-235b", analysis: "Leaning.", judgment: 0.5 },
    ],
    ...overrides,
  };
}

export async function tempDir(prefix = "gts-test-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes lines (objects are serialised, strings and buffers written raw) joined by `\n`. */
export async function writeJsonl(dir: string, name: string, lines: (Line | string | Buffer)[]): Promise<string> {
  const file = path.join(dir, name);
  const parts = lines.map((line) => (Buffer.isBuffer(line) ? line : Buffer.from(typeof line === "string" ? line : JSON.stringify(line))));
  const joined: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) joined.push(Buffer.from("\n"));
    joined.push(part);
  });
  await fs.writeFile(file, Buffer.concat(joined));
  return file;
}

export async function writePng(file: string, colour = "#336699", size = 8): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer());
}
