import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { completionTemplateProblem, DEFAULT_GUARD_PROFILE, DEFAULT_MISSING_IMAGE_TEXT } from "@/lib/guard/guard-profile";
import { guardProfileFileSchema, GuardProfileError, loadGuardProfile } from "@/lib/guard/load-guard-profile";
import { tempDir } from "../support/fixtures";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const TYPOGRAPHIC = "\u201cAnalysis\u201d: {analysis}\n\u201cJudgment\u201d: {judgment}";

async function profileDir(files: Record<string, string | Buffer | object>) {
  const dir = await tempDir("gts-profile-");
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  }
  return dir;
}

async function refusal(file: string): Promise<string> {
  const error = await loadGuardProfile(file).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GuardProfileError);
  return (error as Error).message;
}

describe("guard profiles", () => {
  it("is the built-in default without a file, including an empty GUARD_PROFILE_FILE", async () => {
    expect(await loadGuardProfile(undefined)).toBe(DEFAULT_GUARD_PROFILE);
    expect(await loadGuardProfile("  ")).toBe(DEFAULT_GUARD_PROFILE);
    expect(DEFAULT_GUARD_PROFILE.origin).toBe("built-in");
  });

  it("reads an inline prompt and a completion template", async () => {
    const dir = await profileDir({ "p.json": { name: "inline-test", systemPrompt: "Audit the trace.", completionTemplate: TYPOGRAPHIC, missingImageText: "No image." } });
    const profile = await loadGuardProfile(path.join(dir, "p.json"));
    expect(profile).toMatchObject({ name: "inline-test", systemPrompt: "Audit the trace.", systemPromptSha256: sha("Audit the trace."), completionTemplate: TYPOGRAPHIC, missingImageText: "No image." });
    expect(profile.origin).toBe(path.join(dir, "p.json"));
  });

  it("reads the prompt from a file relative to the profile, without its BOM and surrounding whitespace, and checks a pin", async () => {
    const prompt = "# Task\nYou audit reasoning traces.  \n\n# Output\n\u201cJudgment\u201d: [0/0.5/1]";
    const dir = await profileDir({
      "profiles/vl.json": { name: "vl", systemPromptFile: "../upstream/prompt.txt", systemPromptSha256: sha(prompt), completionTemplate: TYPOGRAPHIC },
      "upstream/prompt.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n${prompt}\n\n`)]),
    });
    const profile = await loadGuardProfile(path.join(dir, "profiles/vl.json"));
    expect(profile.systemPrompt).toBe(prompt);
    expect(profile.systemPromptSha256).toBe(sha(prompt));
    expect(profile.missingImageText).toBe(DEFAULT_MISSING_IMAGE_TEXT);
  });

  it("takes GUARD_PROFILE_FILE when no file is given", async () => {
    const dir = await profileDir({ "env.json": { name: "from-env", systemPrompt: "Env prompt." } });
    const before = process.env.GUARD_PROFILE_FILE;
    process.env.GUARD_PROFILE_FILE = path.join(dir, "env.json");
    try {
      expect((await loadGuardProfile()).name).toBe("from-env");
    } finally {
      if (before === undefined) delete process.env.GUARD_PROFILE_FILE;
      else process.env.GUARD_PROFILE_FILE = before;
    }
  });

  it("ships a profile for the released GuardTrace-VL-3B that asks for the upstream prompt file and pins its hash", async () => {
    const shipped = path.resolve("models/guardtrace-vl-3b/profile.json");
    const fields = guardProfileFileSchema.parse(JSON.parse(await fs.readFile(shipped, "utf8")));
    expect(fields).toMatchObject({ name: "guardtrace-vl-3b", systemPromptFile: "qta_prompt.txt", systemPromptSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(completionTemplateProblem(fields.completionTemplate!)).toBeNull();
    // A copy beside some other prompt is refused by the pin rather than queried with the wrong text.
    const dir = await profileDir({ "profile.json": await fs.readFile(shipped, "utf8"), "qta_prompt.txt": "# Task Description\nSome other auditor prompt." });
    expect(await refusal(path.join(dir, "profile.json"))).toMatch(/but the profile pins [0-9a-f]{64}: it is not the prompt this profile names/);
    const bare = await profileDir({ "profile.json": await fs.readFile(shipped, "utf8") });
    expect(await refusal(path.join(bare, "profile.json"))).toMatch(/systemPromptFile qta_prompt\.txt: no such file/);
  });

  it("refuses a bad profile with a message naming the file and the reason", async () => {
    const dir = await profileDir({
      "pinned.json": { name: "pinned", systemPromptFile: "prompt.txt", systemPromptSha256: "0".repeat(64) },
      "prompt.txt": "Some other prompt.",
      "both.json": { name: "both", systemPrompt: "a", systemPromptFile: "prompt.txt" },
      "neither.json": { name: "neither" },
      "unknown.json": { name: "typo", systemPrompt: "a", completionTemplat: TYPOGRAPHIC },
      "name.json": { name: "bad/name", systemPrompt: "a" },
      "template.json": { name: "template", systemPrompt: "a", completionTemplate: "Analysis: {analysis}" },
      "missing.json": { name: "missing", systemPromptFile: "nowhere/prompt.txt" },
      "latin1.json": { name: "latin1", systemPromptFile: "latin1.txt" },
      "latin1.txt": Buffer.from([0x41, 0xe9, 0x0a]),
      "blank.json": { name: "blank", systemPromptFile: "blank.txt" },
      "blank.txt": " \n\n",
      "broken.json": "{ name: oops",
    });
    const at = (name: string) => path.join(dir, name);
    expect(await refusal(at("pinned.json"))).toMatch(/pinned\.json: the system prompt has SHA-256 [0-9a-f]{64}, but the profile pins 0{64}/);
    expect(await refusal(at("both.json"))).toMatch(/give exactly one of "systemPrompt" and "systemPromptFile"/);
    expect(await refusal(at("neither.json"))).toMatch(/give exactly one of/);
    expect(await refusal(at("unknown.json"))).toMatch(/completionTemplat/);
    expect(await refusal(at("name.json"))).toMatch(/name: letters, digits/);
    expect(await refusal(at("template.json"))).toMatch(/completionTemplate: \{judgment\} must appear exactly once/);
    expect(await refusal(at("missing.json"))).toMatch(/systemPromptFile nowhere\/prompt\.txt: no such file \(looked for .*nowhere\/prompt\.txt\)/);
    expect(await refusal(at("latin1.json"))).toMatch(/not UTF-8/);
    expect(await refusal(at("blank.json"))).toMatch(/blank\.txt: empty/);
    expect(await refusal(at("broken.json"))).toMatch(/broken\.json: is not JSON/);
    expect(await refusal(at("absent.json"))).toMatch(/absent\.json: no such file/);
  });
});
