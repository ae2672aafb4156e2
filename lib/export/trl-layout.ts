import { guardCompletion, guardUserText, GUARD_SYSTEM_PROMPT, type GuardTask, type GuardVerdict } from "../guard/guard-prompt";
import { imageEntryName, type ExampleImage, type TrainingExample } from "./training-example";

type Part = { type: "image" } | { type: "text"; text: string };
type Message = { role: "system" | "user" | "assistant"; content: Part[] };

function prompt(task: GuardTask, image: ExampleImage | null): Message[] {
  return [
    { role: "system", content: [{ type: "text", text: GUARD_SYSTEM_PROMPT }] },
    { role: "user", content: [...(image ? [{ type: "image" } as const] : []), { type: "text", text: guardUserText(task) }] },
  ];
}

function assistant(verdict: GuardVerdict): Message[] {
  return [{ role: "assistant", content: [{ type: "text", text: guardCompletion(verdict) }] }];
}

/**
 * TRL's conversational layouts, vision variant: SFT rows `{messages, images}`; DPO rows
 * `{prompt, chosen, rejected, images}`. Image paths are relative to the bundle's root.
 */
export function trlRow(example: TrainingExample) {
  const images = example.image ? [imageEntryName(example.image)] : [];
  if (example.kind === "sft") return { messages: [...prompt(example.task, example.image), ...assistant(example.verdict)], images };
  return { prompt: prompt(example.task, example.image), chosen: assistant(example.chosen), rejected: assistant(example.rejected), images };
}
