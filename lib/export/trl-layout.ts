import { completionWriter, type GuardProfile } from "../guard/guard-profile";
import { guardUserText, type GuardTask, type GuardVerdict } from "../guard/guard-prompt";
import { imageEntryName, type ExampleImage, type TrainingExample } from "./training-example";

type Part = { type: "image" } | { type: "text"; text: string };
type Message = { role: "system" | "user" | "assistant"; content: Part[] };

/**
 * TRL's conversational layouts, vision variant: SFT rows `{messages, images}`; DPO rows
 * `{prompt, chosen, rejected, images}`. The system turn and the assistant's layout are the profile's.
 * Image paths are relative to the bundle's root. Built once per profile; the result lays out each row.
 */
export function trlRows(profile: GuardProfile) {
  const system: Message = { role: "system", content: [{ type: "text", text: profile.systemPrompt }] };
  const completion = completionWriter(profile.completionTemplate);
  const prompt = (task: GuardTask, image: ExampleImage | null): Message[] => [
    system,
    { role: "user", content: [...(image ? [{ type: "image" } as const] : []), { type: "text", text: guardUserText(task) }] },
  ];
  const assistant = (verdict: GuardVerdict): Message[] => [{ role: "assistant", content: [{ type: "text", text: completion(verdict) }] }];
  return (example: TrainingExample) => {
    const images = example.image ? [imageEntryName(example.image)] : [];
    if (example.kind === "sft") return { messages: [...prompt(example.task, example.image), ...assistant(example.verdict)], images };
    return { prompt: prompt(example.task, example.image), chosen: assistant(example.chosen), rejected: assistant(example.rejected), images };
  };
}
