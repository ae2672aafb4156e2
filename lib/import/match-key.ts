import { hash } from "node:crypto";
import path from "node:path";

/**
 * Text as two copies of one record compare: Unicode NFC, line ends and runs of white space as one
 * space, no space at either end. Evaluation scripts re-serialise what they read (Python's json module,
 * pandas), which changes exactly these things and nothing else.
 */
export function normaliseText(text: string): string {
  // Rewrites only what differs from a single space (runs, tabs, line ends): a plain `\s+` pass rewrote
  // every space of a long trace and was most of the import's cost for a Parquet file.
  return text.normalize("NFC").replace(/\s{2,}|[^\S ]/g, " ").trim();
}

/** The key a sample is found by from an evaluation output: its normalised question, thinking and answer. */
export function matchKeyOf(question: string, thinking: string, answer: string): string {
  return hash("sha256", [question, thinking, answer].map(normaliseText).join("\u001f"));
}

/** An image reference's last path segment (either separator), or null for none. */
export function imageNameOf(reference: string | null | undefined): string | null {
  if (!reference) return null;
  const name = path.posix.basename(reference.replaceAll("\\", "/"));
  return name === "" ? null : name;
}
