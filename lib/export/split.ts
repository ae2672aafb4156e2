import { createHash } from "node:crypto";

/**
 * Train or test, decided by the question text alone (normalised for case and spacing), so two samples
 * that share a question never land on different sides, and the same data always splits the same way.
 */
export function splitSide(question: string, testShare: number): "train" | "test" {
  const normalised = question.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const digest = createHash("sha256").update(normalised, "utf8").digest();
  return digest.readUInt32BE(0) / 2 ** 32 < testShare ? "test" : "train";
}
