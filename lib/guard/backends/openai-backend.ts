import pLimit from "p-limit";
import { UserError } from "../../errors";
import { GuardOutputError, parseGuardOutput } from "../guard-output-parser";
import type { GuardProfile } from "../guard-profile";
import { guardUserText } from "../guard-prompt";
import { rawExcerpt, type GuardBackend, type GuardInput, type GuardOutcome } from "./guard-backend";

export type OpenAiOptions = {
  baseUrl: string;
  model: string;
  version: string;
  profile: GuardProfile;
  apiKey?: string;
  /** Requests in flight at once, across every batch this backend is given. */
  concurrency: number;
  timeoutMs: number;
  maxTokens: number;
  retries?: number;
};

/** The server cannot serve this configuration (a model name it does not serve): the worker stops at start. */
export class GuardServerError extends UserError {
  constructor(message: string) {
    super(message, 502, "guard_server");
    this.name = "GuardServerError";
  }
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);

type ChatReply = { choices?: { message?: { content?: string | null }; finish_reason?: string | null }[] };

/**
 * The `openai` backend: an OpenAI-compatible chat endpoint (vLLM or SGLang serving GuardTrace-VL-3B),
 * queried as the upstream evaluation queries the checkpoint: the profile's system prompt as a text part,
 * then the image (or a text part saying it could not be read) and the three labelled lines, greedy
 * decoding, up to `maxTokens` new tokens. Requests time out and transient failures are retried with
 * backoff; at most `concurrency` are in flight however many batches are in hand. Each sample succeeds or
 * fails on its own: a reply the parser refuses fails that sample only, with the start of its text.
 */
export function openOpenAiBackend(options: OpenAiOptions): GuardBackend {
  const endpoint = `${options.baseUrl.replace(/\/$/, "")}/chat/completions`;
  const retries = options.retries ?? 3;
  const limit = pLimit(options.concurrency);
  const system = { role: "system", content: [{ type: "text", text: options.profile.systemPrompt }] };

  function userContent(input: GuardInput) {
    const image = input.image;
    return [
      ...(image?.status === "ok" ? [{ type: "image_url", image_url: { url: `data:${image.mime};base64,${image.bytes.toString("base64")}` } }] : []),
      ...(image?.status === "unreadable" ? [{ type: "text", text: options.profile.missingImageText }] : []),
      { type: "text", text: guardUserText(input.task) },
    ];
  }

  async function once(input: GuardInput): Promise<GuardOutcome> {
    const body = JSON.stringify({
      model: options.model,
      temperature: 0,
      max_tokens: options.maxTokens,
      messages: [system, { role: "user", content: userContent(input) }],
    });
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        if (attempt >= retries) return { ok: false, error: `the guard server did not answer: ${(error as Error).message}`, raw: null };
        await backoff(attempt);
        continue;
      }
      if (response.ok) return readReply(await response.text(), options.maxTokens);
      const text = await response.text().catch(() => "");
      if (!RETRYABLE.has(response.status) || attempt >= retries) {
        return { ok: false, error: `the guard server answered ${response.status}: ${text.slice(0, 200)}`, raw: text === "" ? null : rawExcerpt(text) };
      }
      await backoff(attempt);
    }
  }

  return {
    modelName: options.model,
    modelVersion: options.version,
    profile: options.profile,
    inFlight: options.concurrency,
    predict: (batch) => Promise.all(batch.map((input) => limit(() => once(input)))),
    close: async () => {},
  };
}

function readReply(text: string, maxTokens: number): GuardOutcome {
  let reply: ChatReply;
  try {
    reply = JSON.parse(text) as ChatReply;
  } catch {
    return { ok: false, error: "the guard server's reply is not JSON", raw: rawExcerpt(text) };
  }
  const choice = reply.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== "string") return { ok: false, error: "the guard server's reply has no message content", raw: rawExcerpt(text) };
  try {
    const verdict = parseGuardOutput(content);
    return { ok: true, prediction: { judgment: verdict.judgment, analysis: verdict.analysis === "" ? null : verdict.analysis, probabilities: null } };
  } catch (error) {
    if (!(error instanceof GuardOutputError)) throw error;
    // A reply cut off by the token limit usually stops before its judgment.
    const cut = choice?.finish_reason === "length" ? `; the reply stopped at max_tokens (${maxTokens}): raise GUARD_OPENAI_MAX_TOKENS` : "";
    return { ok: false, error: `${error.message}${cut}`, raw: rawExcerpt(content) };
  }
}

/**
 * Asks the server which models it serves (`GET /models`, which vLLM and SGLang answer) and refuses a model
 * name it does not serve, since every request would then fail. A server that is not up yet only warns:
 * requests retry.
 */
export async function checkServedModel(options: Pick<OpenAiOptions, "baseUrl" | "model" | "apiKey">): Promise<string | null> {
  const url = `${options.baseUrl.replace(/\/$/, "")}/models`;
  let response: Response;
  try {
    response = await fetch(url, { headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    return `the guard server at ${url} did not answer (${(error as Error).message}); requests will retry`;
  }
  if (!response.ok) return `the guard server at ${url} answered ${response.status}; the model name is not checked`;
  const body = (await response.json().catch(() => null)) as { data?: { id?: unknown }[] } | null;
  const served = (body?.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === "string");
  if (served.length > 0 && !served.includes(options.model)) {
    throw new GuardServerError(`the guard server at ${options.baseUrl} serves ${served.join(", ")}, not GUARD_OPENAI_MODEL=${options.model}`);
  }
  return null;
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5_000)));
}
