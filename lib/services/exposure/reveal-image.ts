import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { parseSampleId } from "../samples/sample-id";
import { recordImageReveal } from "./exposure-sql";

/**
 * Records that the caller revealed a sample's blurred image (the `v` key or a click: docs/safe-viewing.md).
 * The image is already theirs to see; this is the exposure record a reviewer of harmful content keeps.
 */
export async function revealImage(actor: Actor | null, rawSampleId: unknown): Promise<{ sampleId: number }> {
  assertCan(actor, "image:read");
  const sampleId = parseSampleId(rawSampleId);
  if (!(await recordImageReveal(pool(), actor.userId, sampleId, actor.via))) throw new NotFoundError("no such sample with an image");
  return { sampleId };
}
