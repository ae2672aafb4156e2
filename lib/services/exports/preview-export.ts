import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import { exportOptionsSchema, kindsOf, type ExampleKind } from "../../export/export-options";
import { loadGuardProfile } from "../../guard/load-guard-profile";
import { parseInput } from "../parse-input";
import { countKindSamples, estimateLengths, type LengthEstimate } from "./export-preview-sql";

export type { LengthEstimate };

export type ExportPreview = { counts: Record<ExampleKind, number | null>; lengths: LengthEstimate };

/**
 * How many samples each kind would draw on under these filters, and how long their rows run in Qwen2.5
 * tokens, before exporting. (OGDPO with every pair may write more rows than samples; rows without a
 * rejected side are skipped.) The lengths take the longest judge analysis as the completion and the
 * processor's image size without its pixel bounds: the export's manifest has the exact figures.
 */
export async function previewExport(actor: Actor | null, body: unknown): Promise<ExportPreview> {
  assertCan(actor, "export:create");
  const options = parseInput(exportOptionsSchema, body);
  const profile = await loadGuardProfile();
  return inReadOnlySnapshot(async (client) => {
    const counts: Record<ExampleKind, number | null> = { sft: null, dpo: null, ogdpo: null };
    const kinds = kindsOf(options.kind);
    for (const kind of kinds) counts[kind] = await countKindSamples(client, kind, options);
    return { counts, lengths: await estimateLengths(client, options, kinds, profile.systemPromptSha256) };
  });
}
