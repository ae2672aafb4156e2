import { z } from "zod";

// TRL's conversational layouts ("vision" variant: content as a list of typed parts), per TRL's dataset
// formats documentation: SFT rows have `messages`; preference rows `prompt`, `chosen`, `rejected`.
const part = z.discriminatedUnion("type", [z.strictObject({ type: z.literal("image") }), z.strictObject({ type: z.literal("text"), text: z.string() })]);
const message = (role: z.ZodType) => z.strictObject({ role, content: z.array(part).min(1) });
const images = z.array(z.string().regex(/^images\/[0-9a-f]{64}\.(png|jpg|webp|gif)$/));

export const trlSftRow = z.strictObject({
  messages: z.tuple([message(z.literal("system")), message(z.literal("user")), message(z.literal("assistant"))]),
  images,
});

export const trlPreferenceRow = z.strictObject({
  prompt: z.tuple([message(z.literal("system")), message(z.literal("user"))]),
  chosen: z.tuple([message(z.literal("assistant"))]),
  rejected: z.tuple([message(z.literal("assistant"))]),
  images,
});

// LLaMA-Factory's sharegpt layout (data/README): `conversations` of {from, value}; preference data
// carries `chosen` and `rejected` turns; multimodal rows hold one `<image>` per entry in `images`.
const turn = (from: z.ZodType) => z.strictObject({ from, value: z.string() });

export const llamafactorySftRow = z.strictObject({
  conversations: z.tuple([turn(z.literal("human")), turn(z.literal("gpt"))]),
  system: z.string().min(1),
  images,
});

export const llamafactoryPreferenceRow = z.strictObject({
  conversations: z.tuple([turn(z.literal("human"))]),
  chosen: turn(z.literal("gpt")),
  rejected: turn(z.literal("gpt")),
  system: z.string().min(1),
  images,
});

/** Each `<image>` placeholder matches one image, as LLaMA-Factory checks at load time. */
export function placeholdersMatch(row: { conversations: { value: string }[]; images: string[] }): boolean {
  const placeholders = row.conversations.reduce((sum, item) => sum + (item.value.match(/<image>/g)?.length ?? 0), 0);
  return placeholders === row.images.length;
}
