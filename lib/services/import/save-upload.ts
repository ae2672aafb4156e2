import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertCan, type Actor } from "../../auth/actor";
import { UserError, ValidationError } from "../../errors";
import { detectFormat, type ImportFormat } from "../../import/record-source";
import { uploadsDir, type UploadMeta } from "./import-input";

const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

function maxBytes(): number {
  const configured = Number(process.env.GTS_UPLOAD_MAX_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_BYTES;
}

/**
 * Streams an uploaded file to disk, never holding it in memory, and refuses it past
 * `GTS_UPLOAD_MAX_BYTES` (4 GiB by default). The file is kept under an id; the import names it by that id.
 */
export async function saveUpload(
  actor: Actor | null,
  upload: { name: string | null; contentType: string | null; body: ReadableStream<Uint8Array> | null },
): Promise<{ upload: string; name: string; size: number; format: ImportFormat }> {
  assertCan(actor, "sample:import");
  const { name, body } = upload;
  // A cross-site form can send text/plain or multipart without asking; only a script of ours sends this.
  if (!upload.contentType?.toLowerCase().startsWith("application/octet-stream")) {
    throw new UserError("send the file as the raw body with Content-Type: application/octet-stream", 415, "unsupported_media_type");
  }
  const cleanName = path.basename((name ?? "").replaceAll("\\", "/")).replace(/[\u0000-\u001f]/g, "").slice(0, 200);
  if (!cleanName) throw new ValidationError({ name: ["give the file's name (?name=…)"] });
  if (!body) throw new ValidationError({ _: ["the upload is empty"] });
  const id = randomUUID();
  await fs.mkdir(uploadsDir(), { recursive: true });
  const target = path.join(uploadsDir(), id);
  const limit = maxBytes();
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) callback(new UserError(`the file is larger than the upload limit of ${limit} bytes (GTS_UPLOAD_MAX_BYTES)`, 413, "too_large"));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), counter, createWriteStream(target));
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error instanceof UserError ? error : new UserError("the upload was interrupted", 400, "upload_interrupted");
  }
  if (size === 0) {
    await fs.rm(target, { force: true });
    throw new ValidationError({ _: ["the upload is empty"] });
  }
  const meta: UploadMeta = { name: cleanName, size, uploadedBy: actor.email ?? null, uploadedAt: new Date().toISOString() };
  await fs.writeFile(path.join(uploadsDir(), `${id}.json`), JSON.stringify(meta));
  return { upload: id, name: cleanName, size, format: await detectFormat(target) };
}
