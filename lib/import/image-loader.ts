import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const MIME_BY_FORMAT: Record<string, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
};

export type ImageMeta = { sha256: string; mime: string; byteSize: number; width: number; height: number };
export type LoadedImage = { meta: ImageMeta; bytes: Buffer };

export class ImageRejected extends Error {}

/**
 * Loads an image named by a record, relative to the image folder (the input file's folder unless
 * `--image-dir` names another). The path must stay inside that folder (symlinks included), and the bytes
 * must decode as PNG, JPEG, WebP or GIF: the extension proves nothing.
 */
export async function loadImage(
  reference: string,
  baseDir: string,
  known: (sha256: string) => Promise<ImageMeta | null> = async () => null,
): Promise<LoadedImage> {
  if (path.isAbsolute(reference) || /^[a-zA-Z]:[\\/]/.test(reference) || reference.startsWith("\\")) {
    throw new ImageRejected("must be a relative path");
  }
  if (reference.includes("\u0000")) throw new ImageRejected("holds a NUL character");
  const root = await fs.realpath(baseDir);
  const candidate = path.resolve(root, reference);
  if (!isInside(root, candidate)) throw new ImageRejected("points outside the image folder");
  const real = await fs.realpath(candidate).catch(() => null);
  if (real === null) throw new ImageRejected(`file not found: ${reference}`);
  if (!isInside(root, real)) throw new ImageRejected("links outside the image folder");
  const stat = await fs.stat(real);
  if (!stat.isFile()) throw new ImageRejected("is not a file");
  if (stat.size > MAX_IMAGE_BYTES) throw new ImageRejected(`is larger than 20 MiB (${stat.size} bytes)`);
  return checkImageBytes(await fs.readFile(real), known);
}

/** Bytes that came embedded in the record (a Parquet `{bytes, path}` struct), checked like a file's. */
export async function checkImageBytes(bytes: Buffer, known: (sha256: string) => Promise<ImageMeta | null> = async () => null): Promise<LoadedImage> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageRejected(`is larger than 20 MiB (${bytes.length} bytes)`);
  // Bytes already in the store were decoded and checked when they first arrived.
  const previously = await known(sha256Of(bytes));
  return { meta: previously ?? (await inspectImage(bytes)), bytes };
}

export async function inspectImage(bytes: Buffer): Promise<ImageMeta> {
  let format: string | undefined;
  let width: number | undefined;
  let height: number | undefined;
  try {
    const decoder = sharp(bytes, { failOn: "error", limitInputPixels: 100_000_000 });
    ({ format, width, height } = await decoder.metadata());
    if (format === "svg") throw new ImageRejected("SVG images are not accepted");
    // Decode every pixel: a valid header on a truncated or corrupt body must not pass.
    await decoder.stats();
  } catch (error) {
    if (error instanceof ImageRejected) throw error;
    throw new ImageRejected("cannot be decoded as PNG, JPEG, WebP or GIF");
  }
  const mime = format ? MIME_BY_FORMAT[format] : undefined;
  if (!mime || !width || !height) throw new ImageRejected(`has an unsupported format (${format ?? "unknown"})`);
  return { sha256: sha256Of(bytes), mime, byteSize: bytes.length, width, height };
}

function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
