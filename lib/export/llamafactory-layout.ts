import { completionWriter, type GuardProfile } from "../guard/guard-profile";
import { guardUserText, type GuardVerdict } from "../guard/guard-prompt";
import type { ExampleKind } from "./export-options";
import { imageEntryName, type TrainingExample } from "./training-example";

// LLaMA-Factory matches each <image> placeholder to one image: a literal one inside a trace must not count.
const PLACEHOLDER = "<image>";
const defuse = (text: string) => text.replaceAll(PLACEHOLDER, "<\u200bimage>");

/**
 * LLaMA-Factory's sharegpt layout with `<image>` placeholders; preference rows carry chosen/rejected.
 * The system prompt and the assistant's layout are the profile's. Built once per profile; the result lays
 * out each row.
 */
export function llamafactoryRows(profile: GuardProfile) {
  const write = completionWriter(profile.completionTemplate);
  const completion = (verdict: GuardVerdict) => defuse(write(verdict));
  return (example: TrainingExample) => {
    const images = example.image ? [imageEntryName(example.image)] : [];
    const human = { from: "human", value: `${example.image ? PLACEHOLDER : ""}${defuse(guardUserText(example.task))}` };
    if (example.kind === "sft") {
      return { conversations: [human, { from: "gpt", value: completion(example.verdict) }], system: profile.systemPrompt, images };
    }
    return {
      conversations: [human],
      chosen: { from: "gpt", value: completion(example.chosen) },
      rejected: { from: "gpt", value: completion(example.rejected) },
      system: profile.systemPrompt,
      images,
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
