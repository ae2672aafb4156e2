import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { db } from "../../db/prisma";
import { NotFoundError, ValidationError } from "../../errors";
import { readImage } from "../../images/image-store";

export const imageShaSchema = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 hex digest");

/** An image's bytes with the mime type recorded at import (never guessed from the request). */
export async function getImage(actor: Actor | null, rawSha: unknown): Promise<{ bytes: Buffer; mime: string }> {
  assertCan(actor, "image:read");
  const sha = imageShaSchema.safeParse(rawSha);
  if (!sha.success) throw new ValidationError({ sha256: sha.error.issues.map((issue) => issue.message) });
  const image = await db().image.findUnique({ where: { sha256: sha.data }, select: { mime: true } });
  const bytes = image ? await readImage(sha.data) : null;
  if (!image || !bytes) throw new NotFoundError("no such image");
  return { bytes, mime: image.mime };
}
