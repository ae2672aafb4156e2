import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import { exportOptionsSchema, kindsOf, type ExampleKind } from "../../export/export-options";
import { loadGuardProfile } from "../../guard/load-guard-profile";
import { parseInput } from "../parse-input";
import { countKindSamples, countOgdpoPairs, estimateLengths, type LengthEstimate } from "./export-preview-sql";

export type { LengthEstimate };

/**
 * `counts`: the samples each kind draws on; `rows`: what it would write, SFT rows and DPO and OGDPO pairs
 * (a 2:1 sample gives one DPO pair; a decided sample one OGDPO pair, or one per disagreeing verdict with
 * `pairs: "all"`). Null for a kind not exported.
 */
export type ExportPreview = { counts: Record<ExampleKind, number | null>; rows: Record<ExampleKind, number | null>; lengths: LengthEstimate };

/**
 * How many samples each kind would draw on under these filters, the rows and pairs they would give, and
 * how long those rows run in Qwen2.5 tokens, before exporting. The lengths take the longest judge analysis as the completion and the
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
    // SFT writes a row per sample and DPO a pair per 2:1 sample; OGDPO's pairs depend on the verdicts.
    const rows = { ...counts, ogdpo: kinds.includes("ogdpo") ? await countOgdpoPairs(client, options) : null };
    return { counts, rows, lengths: await estimateLengths(client, options, kinds, profile.systemPromptSha256) };
  });
}
