import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { UserError } from "../errors";
import { buildGuardProfile, completionTemplateProblem, DEFAULT_GUARD_PROFILE, type GuardProfile } from "./guard-profile";

const MAX_PROMPT_BYTES = 1 << 20;

/** A profile file (JSON). The prompt is inline or a file beside the profile; never both. */
export const guardProfileFileSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\w.\- ]+$/, "letters, digits, spaces, '.', '-' and '_' only"),
    systemPrompt: z.string().min(1).optional(),
    /** Relative to the profile file's folder. */
    systemPromptFile: z.string().min(1).optional(),
    /** When set, the prompt must have exactly this SHA-256: a pin on the file the checkpoint was trained with. */
    systemPromptSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits")
      .optional(),
    completionTemplate: z.string().min(1).optional(),
    missingImageText: z.string().trim().min(1).max(500).optional(),
  })
  .refine((profile) => (profile.systemPrompt === undefined) !== (profile.systemPromptFile === undefined), {
    message: 'give exactly one of "systemPrompt" and "systemPromptFile"',
    path: ["systemPrompt"],
  });

/** A profile that cannot be used: the worker, an export or the server stops at start with this. */
export class GuardProfileError extends UserError {
  constructor(file: string, reason: string) {
    super(`guard profile ${file}: ${reason}`, 500, "bad_guard_profile");
    this.name = "GuardProfileError";
  }
}

/**
 * The profile named by `file`, else by `GUARD_PROFILE_FILE`, else our built-in default. A prompt file is
 * read as UTF-8 without a byte-order mark and with the surrounding whitespace trimmed (as the upstream
 * evaluation reads its prompt file), so its hash is the hash of the text sent.
 */
export async function loadGuardProfile(file: string | undefined = process.env.GUARD_PROFILE_FILE): Promise<GuardProfile> {
  if (file === undefined || file.trim() === "") return DEFAULT_GUARD_PROFILE;
  const location = path.resolve(file);
  const fail = (reason: string) => new GuardProfileError(file, reason);
  const text = await fs.readFile(location, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw fail(error.code === "ENOENT" ? "no such file" : `cannot be read (${error.code ?? error.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw fail(`is not JSON (${(error as Error).message})`);
  }
  const parsed = guardProfileFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(`${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  const fields = parsed.data;
  const systemPrompt = fields.systemPrompt ?? (await readPromptFile(path.resolve(path.dirname(location), fields.systemPromptFile!), fields.systemPromptFile!, fail));
  const profile = buildGuardProfile({ ...fields, systemPrompt, origin: location });
  if (fields.systemPromptSha256 && fields.systemPromptSha256 !== profile.systemPromptSha256) {
    throw fail(`the system prompt has SHA-256 ${profile.systemPromptSha256}, but the profile pins ${fields.systemPromptSha256}: it is not the prompt this profile names`);
  }
  const problem = completionTemplateProblem(profile.completionTemplate);
  if (problem) throw fail(`completionTemplate: ${problem}`);
  return profile;
}

async function readPromptFile(location: string, shown: string, fail: (reason: string) => GuardProfileError): Promise<string> {
  const bytes = await fs.readFile(location).catch((error: NodeJS.ErrnoException) => {
    throw fail(`systemPromptFile ${shown}: ${error.code === "ENOENT" ? `no such file (looked for ${location})` : `cannot be read (${error.code ?? error.message})`}`);
  });
  if (bytes.length > MAX_PROMPT_BYTES) throw fail(`systemPromptFile ${shown}: larger than 1 MiB`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fail(`systemPromptFile ${shown}: not UTF-8`);
  }
  const prompt = text.replace(/^\uFEFF/, "").trim();
  if (prompt === "") throw fail(`systemPromptFile ${shown}: empty`);
  return prompt;
}
