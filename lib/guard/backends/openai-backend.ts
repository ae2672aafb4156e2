import { parseGuardOutput } from "../guard-output-parser";
import { guardUserText, GUARD_SYSTEM_PROMPT } from "../guard-prompt";
import type { GuardBackend, GuardInput, GuardPrediction } from "./guard-backend";

export type OpenAiOptions = { baseUrl: string; model: string; version: string; apiKey?: string; concurrency: number; timeoutMs: number; retries?: number };

export class GuardServerError extends Error {}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);

/**
 * The `openai` backend: an OpenAI-compatible chat endpoint (vLLM or SGLang serving GuardTrace-VL-3B).
 * Each sample is one request with the image as a data URL and the guard prompt; the reply is read by the
 * shared output parser. Requests time out, transient failures are retried with backoff, and at most
 * `concurrency` requests are in flight.
 */
export function openOpenAiBackend(options: OpenAiOptions): GuardBackend {
  const endpoint = `${options.baseUrl.replace(/\/$/, "")}/chat/completions`;
  const retries = options.retries ?? 3;

  async function once(input: GuardInput): Promise<GuardPrediction> {
    const content = [
      ...(input.image ? [{ type: "image_url", image_url: { url: `data:${input.image.mime};base64,${input.image.bytes.toString("base64")}` } }] : []),
      { type: "text", text: guardUserText(input.task) },
    ];
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({ model: options.model, temperature: 0, max_tokens: 1024, messages: [{ role: "system", content: GUARD_SYSTEM_PROMPT }, { role: "user", content }] }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        if (attempt >= retries) throw new GuardServerError(`the guard server did not answer: ${(error as Error).message}`);
        await backoff(attempt);
        continue;
      }
      if (response.ok) {
        const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
        const text = body.choices?.[0]?.message?.content;
        if (typeof text !== "string") throw new GuardServerError("the guard server's reply has no message content");
        const verdict = parseGuardOutput(text);
        return { judgment: verdict.judgment, analysis: verdict.analysis, probabilities: null };
      }
      if (!RETRYABLE.has(response.status) || attempt >= retries) {
        throw new GuardServerError(`the guard server answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      }
      await backoff(attempt);
    }
  }

  return {
    modelName: options.model,
    modelVersion: options.version,
    async predict(batch: GuardInput[]): Promise<GuardPrediction[]> {
      const results = new Array<GuardPrediction>(batch.length);
      let next = 0;
      const lanes = Array.from({ length: Math.min(options.concurrency, batch.length) }, async () => {
        while (next < batch.length) {
          const index = next;
          next += 1;
          results[index] = await once(batch[index]!);
        }
      });
      await Promise.all(lanes);
      return results;
    },
    close: async () => {},
  };
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5_000)));
}
