import { completionWriter, type GuardProfile } from "../guard/guard-profile";
import { guardUserText, type GuardTask, type GuardVerdict } from "../guard/guard-prompt";
import type { SftStyle } from "./export-options";
import { imageEntryName, type ExampleImage, type TrainingExample } from "./training-example";

type Part = { type: "image" } | { type: "text"; text: string };
type Message = { role: "system" | "user" | "assistant"; content: Part[] };

/**
 * TRL's conversational layouts, vision variant. SFT rows are prompt/completion,
 * `{prompt: [system, user], completion: [assistant], images}`, so that TRL's completion-only loss (on by
 * default for such rows) trains on the verdict and not on the long system prompt and trace; `messages`
 * keeps the single-conversation layout. Preference rows are `{prompt, chosen, rejected, images}`. Every
 * row carries its provenance in `meta`, which TRL's trainers drop before collating. The system turn and the
 * assistant's layout are the profile's; image paths are relative to the bundle's root. Built once per
 * profile; the result lays out each row. `systemText` maps the system prompt to what the rows hold
 * (a JSONL sink's stand-in, `repeated-text-lines.ts`).
 */
export function trlRows(profile: GuardProfile, sftStyle: SftStyle, systemText: (text: string) => string = (text) => text) {
  const system: Message = { role: "system", content: [{ type: "text", text: systemText(profile.systemPrompt) }] };
  const completion = completionWriter(profile.completionTemplate);
  const prompt = (task: GuardTask, image: ExampleImage | null): Message[] => [
    system,
    { role: "user", content: [...(image ? [{ type: "image" } as const] : []), { type: "text", text: guardUserText(task) }] },
  ];
  const assistant = (verdict: GuardVerdict): Message[] => [{ role: "assistant", content: [{ type: "text", text: completion(verdict) }] }];
  return (example: TrainingExample) => {
    const images = example.image ? [imageEntryName(example.image)] : [];
    const meta = example.provenance;
    if (example.kind === "sft") {
      return sftStyle === "messages"
        ? { messages: [...prompt(example.task, example.image), ...assistant(example.verdict)], images, meta }
        : { prompt: prompt(example.task, example.image), completion: assistant(example.verdict), images, meta };
    }
    return { prompt: prompt(example.task, example.image), chosen: assistant(example.chosen), rejected: assistant(example.rejected), images, meta };
  };
}
