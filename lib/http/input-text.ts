import type { FieldErrors } from "../errors";

/**
 * The one rule for every text a request carries towards SQL, in its path, its query string or its body:
 * well-formed Unicode (no lone surrogates) and no NUL, which PostgreSQL's text cannot hold. Percent-
 * encoding must decode to UTF-8. The web server checks paths and query strings of every request
 * (`web-server.ts`); `jsonBody` checks bodies.
 */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain NUL characters";
  if (!text.isWellFormed()) return "is not well-formed Unicode";
  return null;
}

/** Decodes one percent-encoded component (`+` as a space in query strings); null if it is not valid UTF-8. */
function decodeComponent(raw: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replaceAll("+", " ") : raw);
  } catch {
    return null;
  }
}

/** Whether every segment of a URL path decodes and passes `textProblem`. */
export function pathIsClean(pathname: string): boolean {
  return pathname.split("/").every((segment) => {
    const decoded = decodeComponent(segment, false);
    return decoded !== null && textProblem(decoded) === null;
  });
}

/** The query string's problems by parameter name (`_` when the name itself cannot be read). */
export function queryTextProblems(search: string): FieldErrors {
  const problems: FieldErrors = {};
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (pair === "") continue;
    const [rawName = "", ...rest] = pair.split("=");
    const name = decodeComponent(rawName, true);
    const value = decodeComponent(rest.join("="), true);
    const field = name !== null && textProblem(name) === null ? name : "_";
    const problem = name === null || value === null ? "is not valid percent-encoded UTF-8" : (textProblem(name) ?? textProblem(value));
    if (problem) (problems[field] ??= []).push(problem);
  }
  return problems;
}

type Visit = { node: unknown; key: string | null; parent: Visit | null };

const pathOf = (visit: Visit) => {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.push(at.key);
  return keys.length > 0 ? keys.reverse().join(".") : "_";
};

/**
 * Every string in a parsed JSON body, keys included, by field path (`judges.1.analysis`). Walked with a
 * stack of its own, not recursion: JSON.parse accepts nesting deep enough to overflow the call stack.
 */
export function jsonTextProblems(value: unknown): FieldErrors {
  const problems: FieldErrors = {};
  const pending: Visit[] = [{ node: value, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { node } = visit;
    if (typeof node === "string") {
      const problem = textProblem(node);
      if (problem) (problems[pathOf(visit)] ??= []).push(problem);
    } else if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index -= 1) pending.push({ node: node[index], key: String(index), parent: visit });
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        const problem = textProblem(key);
        if (problem) (problems[pathOf(visit)] ??= []).push(`has a key that ${problem}`);
        else pending.push({ node: item, key, parent: visit });
      }
    }
  }
  return problems;
}
