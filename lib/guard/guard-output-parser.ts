import { isRiskValue, type RiskValue } from "../domain/risk";
import type { GuardVerdict } from "./guard-prompt";

/** Why a reply was refused: a stable code beside the message, for whoever branches on the kind (the tests do). */
export type GuardOutputProblem = "no_judgment" | "conflicting_judgments" | "not_a_level" | "names_a_model" | "bad_json";

export class GuardOutputError extends Error {
  readonly problem: GuardOutputProblem;
  constructor(problem: GuardOutputProblem, message: string) {
    super(message);
    this.name = "GuardOutputError";
    this.problem = problem;
  }
}

const EMPHASIS = String.raw`(?:\*\*|__|\*|_)?`;
const OPEN_QUOTE = `["'\u201c\u201d\u2018\u2019\u300c\u300e]?`;
const CLOSE_QUOTE = `["'\u201c\u201d\u2018\u2019\u300d\u300f]?`;
/**
 * A key at the start of a line: an optional list, heading or quote marker, optional markdown emphasis,
 * straight, typographic or no quotes, `Analysis` / `Judgment` / `Judgement` in any case, and an ASCII or
 * full-width colon (inside or outside the emphasis). Group 1 is the key, group 2 the rest of the line.
 */
const KEY_LINE = new RegExp(
  String.raw`^[ \t]*(?:[-+*][ \t]+|#{1,6}[ \t]+|>[ \t]*)?${EMPHASIS}[ \t]*${OPEN_QUOTE}[ \t]*(analysis|judge?ment)[ \t]*${CLOSE_QUOTE}[ \t]*${EMPHASIS}[ \t]*[:\uff1a][ \t]*${EMPHASIS}(.*)$`,
  "i",
);
/** The value: optionally opened by a bracket or quote, optionally `Level`, then the number. */
const VALUE_START = /^([[("'\u201c\u2018\u300c\u300e]?)[ \t]*(?:level[ \t]*[:\uff1a]?[ \t]*)?(\d+(?:\.\d+)?|\.\d+)/i;
const CLOSERS: Record<string, string> = { "[": "]", "(": ")", '"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u300c": "\u300d", "\u300e": "\u300f" };
const MODEL_WORDS = /^(?:model|response|assistant|answer|output|candidate|option|system|agent)\b/i;
const NUMBER = /(?<![\w.])(\d+(?:\.\d+)?|\.\d+)(?!\w)/g;
const EXCERPT = 60;

type KeyLine = { key: "analysis" | "judgment"; line: number; rest: string };

/**
 * Reads a guard's reply: an analysis and one risk level, in whatever surface form a real model writes
 * them (see KEY_LINE and VALUE_START), or the same two keys as a JSON object, fenced or not. Text before
 * the analysis is ignored. It never guesses: no judgment, judgments that disagree, a value that is not 0,
 * 0.5 or 1, or a judgment naming a model or a choice ("1/2") is refused with a `GuardOutputError`.
 */
export function parseGuardOutput(text: string): GuardVerdict {
  const trimmed = text.trim().replace(/^```[a-z]*[ \t]*\n([\s\S]*?)\n?```$/i, "$1").trim();
  if (trimmed.startsWith("{")) return fromJson(trimmed);
  // A JSON verdict in a fenced block after some prose.
  const fenced = /```(?:json)?[ \t]*\n(\{[\s\S]*?\})\s*```/i.exec(trimmed);
  if (fenced) return fromJson(fenced[1]!);
  const lines = trimmed.split(/\r?\n/);
  const keys: KeyLine[] = [];
  lines.forEach((line, index) => {
    const match = KEY_LINE.exec(line);
    if (match) keys.push({ key: match[1]!.toLowerCase() === "analysis" ? "analysis" : "judgment", line: index, rest: match[2]! });
  });
  const judgments = keys.filter((key) => key.key === "judgment");
  if (judgments.length === 0) throw new GuardOutputError("no_judgment", 'no "Judgment" line in the guard output');
  const values = judgments.map((judgment) => parseJudgmentValue(judgment.rest.trim() || nextNonEmpty(lines, judgment.line)));
  const distinct = [...new Set(values)];
  if (distinct.length > 1) throw new GuardOutputError("conflicting_judgments", `the guard output has judgments that disagree (${distinct.join(" and ")})`);
  return { analysis: analysisOf(lines, keys, judgments[0]!.line), judgment: distinct[0]! };
}

/** The analysis runs from its key (or, without one, from the start) to the first judgment line. */
function analysisOf(lines: string[], keys: KeyLine[], firstJudgment: number): string {
  const before = keys.find((key) => key.key === "analysis" && key.line < firstJudgment);
  if (before) return unwrap([before.rest, ...lines.slice(before.line + 1, firstJudgment)].join("\n"));
  // A reply that gives the judgment first and the analysis after it.
  const after = keys.find((key) => key.key === "analysis" && key.line > firstJudgment);
  if (after) {
    const end = keys.find((key) => key.key === "judgment" && key.line > after.line)?.line ?? lines.length;
    return unwrap([after.rest, ...lines.slice(after.line + 1, end)].join("\n"));
  }
  return unwrap(lines.slice(0, firstJudgment).join("\n"));
}

/** Drops one pair of brackets or quotes around the whole analysis (`[Your analysis]` taken literally). */
function unwrap(text: string): string {
  const trimmed = text.trim();
  const close = CLOSERS[trimmed[0] ?? ""];
  if (close && trimmed.length > 1 && trimmed.endsWith(close) && !trimmed.slice(1, -1).includes(close)) return trimmed.slice(1, -1).trim();
  return trimmed;
}

function nextNonEmpty(lines: string[], from: number): string {
  return lines.slice(from + 1).find((line) => line.trim() !== "")?.trim() ?? "";
}

/** One judgment's value: bare, quoted, bracketed, as `Level N`, with trailing words after it. */
function parseJudgmentValue(raw: string): RiskValue {
  const text = raw.trim().replace(/^(?:\*\*|__|\*|_)[ \t]*/, "");
  const shown = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
  const match = VALUE_START.exec(text);
  if (!match) {
    if (MODEL_WORDS.test(text)) throw new GuardOutputError("names_a_model", `the judgment "${shown}" names a model or response, not a risk level (0, 0.5 or 1)`);
    throw new GuardOutputError("not_a_level", `the judgment "${shown}" is not a risk level (0, 0.5 or 1)`);
  }
  const open = match[1]!;
  const number = match[2]!;
  let after = text.slice(match[0].length);
  if (/^[ \t]*[/|][ \t]*[\d.]/.test(after)) {
    const options = text.replace(/^[[("'\u201c]?|[\])"'\u201d]?$/g, "").split(/[ \t]*[/|][ \t]*/);
    if (options.every((option) => isRiskValue(Number(option)))) {
      throw new GuardOutputError("not_a_level", `the judgment "${shown}" repeats the choices instead of giving one level`);
    }
    throw new GuardOutputError("names_a_model", `the judgment "${shown}" names one of several models or options, not a risk level (0, 0.5 or 1)`);
  }
  if (/^[A-Za-z0-9%]/.test(after)) throw new GuardOutputError("not_a_level", `the judgment "${shown}" is not a risk level (0, 0.5 or 1)`);
  const value = Number(number);
  if (!isRiskValue(value)) throw new GuardOutputError("not_a_level", `the judgment "${number}" is not 0, 0.5 or 1`);
  const close = open ? CLOSERS[open] : undefined;
  if (close) after = after.replace(new RegExp(`^[ \\t]*\\${close}`), "");
  const others = [...after.matchAll(NUMBER)].map((token) => Number(token[1])).filter((other) => isRiskValue(other) && other !== value);
  if (others.length > 0) throw new GuardOutputError("conflicting_judgments", `the judgment "${shown}" names more than one level`);
  return value;
}

function fromJson(text: string): GuardVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GuardOutputError("bad_json", "the guard output looks like JSON but does not parse");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new GuardOutputError("bad_json", "the guard output JSON is not an object");
  const entries = Object.entries(value as Record<string, unknown>);
  const field = (pattern: RegExp) => entries.find(([key]) => pattern.test(key.trim()))?.[1];
  const analysis = field(/^analysis$/i);
  const judgment = field(/^judge?ment$/i);
  if (analysis !== undefined && typeof analysis !== "string") throw new GuardOutputError("bad_json", 'the guard output JSON has an "Analysis" that is not a string');
  if (judgment === undefined || judgment === null) throw new GuardOutputError("no_judgment", 'the guard output JSON has no "Judgment"');
  if (typeof judgment !== "number" && typeof judgment !== "string") throw new GuardOutputError("not_a_level", 'the guard output JSON has a "Judgment" that is not a number');
  return { analysis: (analysis ?? "").trim(), judgment: parseJudgmentValue(String(judgment)) };
}
