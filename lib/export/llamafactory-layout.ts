import { completionWriter, type GuardProfile } from "../guard/guard-profile";
import { guardUserText, type GuardVerdict } from "../guard/guard-prompt";
import { placeholderDefuser, type DefuseTally } from "./defuse-placeholders";
import type { ExampleKind } from "./export-options";
import { imageEntryName, type TrainingExample } from "./training-example";

const IMAGE_PLACEHOLDER = "<image>";

/**
 * LLaMA-Factory's sharegpt layout with `<image>` placeholders; preference rows carry chosen/rejected.
 * Every text is defused of placeholders first (`tally` counts the texts changed; the system prompt
 * once), then the row's own `<image>` goes before the user text. Provenance rides in `meta`, which
 * LLaMA-Factory's converter drops with every column it does not map. The system prompt and the assistant's
 * layout are the profile's. Built once per profile; the result lays out each row. `systemText` maps the
 * defused system prompt to what the rows hold (a JSONL sink's stand-in, `repeated-text-lines.ts`).
 */
export function llamafactoryRows(profile: GuardProfile, tally: DefuseTally, systemText: (text: string) => string = (text) => text) {
  const defuse = placeholderDefuser(tally);
  const write = completionWriter(profile.completionTemplate);
  const completion = (verdict: GuardVerdict) => defuse(write(verdict));
  const system = systemText(defuse(profile.systemPrompt));
  return (example: TrainingExample) => {
    const images = example.image ? [imageEntryName(example.image)] : [];
    const meta = example.provenance;
    const human = { from: "human", value: `${example.image ? IMAGE_PLACEHOLDER : ""}${defuse(guardUserText(example.task))}` };
    if (example.kind === "sft") {
      return { conversations: [human, { from: "gpt", value: completion(example.verdict) }], system, images, meta };
    }
    return {
      conversations: [human],
      chosen: { from: "gpt", value: completion(example.chosen) },
      rejected: { from: "gpt", value: completion(example.rejected) },
      system,
      images,
      meta,
    };
  };
}

/** The dataset_info.json entries that register each data file with LLaMA-Factory. */
export function datasetInfo(kind: ExampleKind, files: { name: string; file: string }[]) {
  const columns = { messages: "conversations", system: "system", images: "images", ...(kind === "sft" ? {} : { chosen: "chosen", rejected: "rejected" }) };
  return Object.fromEntries(
    files.map(({ name, file }) => [
      name,
      {
        file_name: file,
        formatting: "sharegpt",
        ...(kind === "sft" ? {} : { ranking: true }),
        columns,
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      },
    ]),
  );
}
