import { createHash } from "node:crypto";
import type { RiskValue } from "../domain/risk";
import { parseGuardOutput } from "./guard-output-parser";
import { DEFAULT_COMPLETION_TEMPLATE, DEFAULT_SYSTEM_PROMPT, type GuardVerdict } from "./guard-prompt";

/**
 * A guard profile is the guard's whole interface: the system prompt it is queried and trained with, and
 * the layout of its answer. A guard queried or trained with another prompt is another guard, so every
 * pre-label and every export records the prompt's SHA-256.
 */
export type GuardProfile = {
  name: string;
  systemPrompt: string;
  systemPromptSha256: string;
  /** The assistant turn, with `{analysis}` and `{judgment}` in it. */
  completionTemplate: string;
  /** The user turn's text part when a sample's image file cannot be read. */
  missingImageText: string;
  /** "built-in", or the profile file it was read from. */
  origin: string;
};

/** What a manifest or a pre-label run records of a profile. */
export type GuardProfileSummary = Pick<GuardProfile, "name" | "systemPromptSha256" | "completionTemplate">;

export const DEFAULT_MISSING_IMAGE_TEXT = "The image that belongs to this task is missing or could not be read.";

function sha256Text(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function buildGuardProfile(fields: { name: string; systemPrompt: string; completionTemplate?: string; missingImageText?: string; origin: string }): GuardProfile {
  return {
    name: fields.name,
    systemPrompt: fields.systemPrompt,
    systemPromptSha256: sha256Text(fields.systemPrompt),
    completionTemplate: fields.completionTemplate ?? DEFAULT_COMPLETION_TEMPLATE,
    missingImageText: fields.missingImageText ?? DEFAULT_MISSING_IMAGE_TEXT,
    origin: fields.origin,
  };
}

export const DEFAULT_GUARD_PROFILE: GuardProfile = buildGuardProfile({ name: "guardtrace-studio", systemPrompt: DEFAULT_SYSTEM_PROMPT, origin: "built-in" });

export function profileSummary(profile: GuardProfile): GuardProfileSummary {
  return { name: profile.name, systemPromptSha256: profile.systemPromptSha256, completionTemplate: profile.completionTemplate };
}

/**
 * The template split once at its placeholders, for the export's hot path: filling it is a join, so an
 * analysis that mentions `{judgment}` stays as written.
 */
export function completionWriter(template: string): (verdict: GuardVerdict) => string {
  const parts = template.split(/(\{(?:analysis|judgment)\})/);
  return (verdict) => {
    // Concatenation, not an array join: with the join an export of 24k rows took a fifth longer (measured).
    let text = "";
    for (const part of parts) text += part === "{analysis}" ? verdict.analysis : part === "{judgment}" ? String(verdict.judgment) : part;
    return text;
  };
}

/** The assistant turn for a verdict. */
export function renderCompletion(template: string, verdict: GuardVerdict): string {
  return completionWriter(template)(verdict);
}

const PROBE_ANALYSES = ['The query asks for a method.\n\nStep 2 of the thinking names "materials"; the answer refuses.', "Short."];
const PROBE_LEVELS: RiskValue[] = [0, 0.5, 1];

/**
 * Why a completion template cannot serve, or null when it can: it must hold `{analysis}` and `{judgment}`
 * once each, and what it writes must read back through the parser as the same verdict, so that exports
 * written with it are what the worker understands.
 */
export function completionTemplateProblem(template: string): string | null {
  const placeholders = [...template.matchAll(/\{([A-Za-z_]+)\}/g)].map((match) => match[1]!);
  const unknown = placeholders.filter((name) => name !== "analysis" && name !== "judgment");
  if (unknown.length > 0) return `unknown placeholder {${unknown[0]}}; only {analysis} and {judgment} are filled in`;
  for (const key of ["analysis", "judgment"]) {
    const count = placeholders.filter((name) => name === key).length;
    if (count !== 1) return `{${key}} must appear exactly once (found ${count})`;
  }
  for (const judgment of PROBE_LEVELS) {
    for (const analysis of PROBE_ANALYSES) {
      const written = renderCompletion(template, { analysis, judgment });
      let read: GuardVerdict;
      try {
        read = parseGuardOutput(written);
      } catch (error) {
        return `what it writes does not read back (${(error as Error).message})`;
      }
      if (read.judgment !== judgment || read.analysis !== analysis) return "what it writes reads back as a different analysis or judgment";
    }
  }
  return null;
}
