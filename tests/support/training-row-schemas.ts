import { z } from "zod";

// TRL's conversational layouts ("vision" variant: content as a list of typed parts), per TRL's dataset
// formats documentation: SFT rows are prompt/completion (or `messages`); preference rows `prompt`,
// `chosen`, `rejected`. Extra columns (our `meta`) are outside TRL's signature columns for vision
// datasets and are dropped by its trainers.
const part = z.discriminatedUnion("type", [z.strictObject({ type: z.literal("image") }), z.strictObject({ type: z.literal("text"), text: z.string() })]);
const message = (role: z.ZodType) => z.strictObject({ role, content: z.array(part).min(1) });
const images = z.array(z.string().regex(/^images\/[0-9a-f]{64}\.(png|jpg|webp|gif)$/));
const level = z.union([z.literal(0), z.literal(0.5), z.literal(1)]);
const source = z.string().regex(/^(judges|judge:.+|expert:correction|expert:judge:.+|prelabel:.+)$/);

/** Each row's provenance (`meta`): the sample, its votes, where each side came from, the decision and span. */
export const provenance = z.strictObject({
  sample: z.string().min(1),
  dataset: z.string().min(1),
  source: z.string().nullable(),
  route: z.enum(["unanimous", "majority", "no_majority"]),
  votes: z.array(z.strictObject({ judge: z.string(), judgment: level })).min(1),
  chosen_from: source,
  rejected_from: source.nullable(),
  adjudication: z.strictObject({ id: z.uuid(), round: z.enum(["first", "second"]) }).nullable(),
  span: z.strictObject({ start: z.number().int().min(0), end: z.number().int().positive(), step: z.number().int().positive().nullable() }).nullable(),
});

export const trlSftRow = z.strictObject({
  prompt: z.tuple([message(z.literal("system")), message(z.literal("user"))]),
  completion: z.tuple([message(z.literal("assistant"))]),
  images,
  meta: provenance,
});

export const trlSftMessagesRow = z.strictObject({
  messages: z.tuple([message(z.literal("system")), message(z.literal("user")), message(z.literal("assistant"))]),
  images,
  meta: provenance,
});

export const trlPreferenceRow = z.strictObject({
  prompt: z.tuple([message(z.literal("system")), message(z.literal("user"))]),
  chosen: z.tuple([message(z.literal("assistant"))]),
  rejected: z.tuple([message(z.literal("assistant"))]),
  images,
  meta: provenance,
});

// LLaMA-Factory's sharegpt layout (data/README): `conversations` of {from, value}; preference data
// carries `chosen` and `rejected` turns; multimodal rows hold one `<image>` per entry in `images`. Its
// converter maps the registered columns and removes every original column, `meta` included.
const turn = (from: z.ZodType) => z.strictObject({ from, value: z.string() });

export const llamafactorySftRow = z.strictObject({
  conversations: z.tuple([turn(z.literal("human")), turn(z.literal("gpt"))]),
  system: z.string().min(1),
  images,
  meta: provenance,
});

export const llamafactoryPreferenceRow = z.strictObject({
  conversations: z.tuple([turn(z.literal("human"))]),
  chosen: turn(z.literal("gpt")),
  rejected: turn(z.literal("gpt")),
  system: z.string().min(1),
  images,
  meta: provenance,
});

/**
 * LLaMA-Factory's load-time rule (mm_plugin's message validation), re-implemented: across the turns of a
 * row (the conversation, and the chosen and rejected turns of a preference row), the number of `<image>`,
 * `<video>` and `<audio>` placeholders must each equal the number of images, videos and audios the row
 * lists, or training stops with "The number of … does not match".
 */
export function placeholdersMatch(row: { conversations: { value: string }[]; chosen?: { value: string }; rejected?: { value: string }; images: string[]; videos?: string[]; audios?: string[] }): boolean {
  const turns = [...row.conversations, ...(row.chosen ? [row.chosen] : []), ...(row.rejected ? [row.rejected] : [])];
  const count = (placeholder: string) => turns.reduce((sum, item) => sum + item.value.split(placeholder).length - 1, 0);
  return count("<image>") === row.images.length && count("<video>") === (row.videos?.length ?? 0) && count("<audio>") === (row.audios?.length ?? 0);
}
