import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { imageDir } from "../paths";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Content-addressed layout: ab/cd/abcd…, so no folder grows past 65k entries. */
export function imagePath(sha256: string, root = imageDir()): string {
  if (!SHA256_HEX.test(sha256)) throw new Error("not a SHA-256 hex digest");
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Writes the bytes once; a concurrent writer of the same content is harmless (atomic rename). */
export async function storeImage(sha256: string, bytes: Buffer, root = imageDir()): Promise<void> {
  const target = imagePath(sha256, root);
  const exists = await fs.stat(target).then(() => true).catch(() => false);
  if (exists) return;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, target);
}

export async function readImage(sha256: string, root = imageDir()): Promise<Buffer | null> {
  return fs.readFile(imagePath(sha256, root)).catch(() => null);
}
