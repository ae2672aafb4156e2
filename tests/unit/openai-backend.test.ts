import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RAW_REPLY_BYTES, type GuardInput, type GuardOutcome } from "@/lib/guard/backends/guard-backend";
import { checkServedModel, GuardServerError, openOpenAiBackend, type OpenAiOptions } from "@/lib/guard/backends/openai-backend";
import { buildGuardProfile } from "@/lib/guard/guard-profile";

type Reply = { status: number; body: unknown } | "hang";
type Sent = { method: string; path: string; auth: string | undefined; body: Record<string, unknown> };
const servers: http.Server[] = [];
afterEach(async () => {
  // Idle keep-alive and hanging connections would hold close() for seconds.
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()) && server.closeAllConnections())));
});

/** A local OpenAI-compatible server that records requests and answers from a script. */
async function fakeServer(replies: (body: Record<string, unknown>, index: number) => Reply, models: string[] = ["GuardTrace-VL-3B"]) {
  const requests: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      if (request.method === "GET" && request.url === "/v1/models") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ object: "list", data: models.map((id) => ({ id, object: "model" })) }));
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      const index = requests.length;
      requests.push({ method: request.method ?? "", path: request.url ?? "", auth: request.headers.authorization, body });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const reply = replies(body, index);
      if (reply === "hang") return;
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(reply.status, { "content-type": "application/json" });
        response.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
      }, 20);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, maxInFlight: () => maxInFlight };
}

const answer = (text: string, finish = "stop") => ({ status: 200, body: { choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finish }] } });
const task = { question: "Q?", thinking: "T.", answer: "A." };
const profile = buildGuardProfile({ name: "test-profile", systemPrompt: "# Task\nAudit the trace.", missingImageText: "The image is not available.", origin: "test" });
const options = (url: string, extra: Partial<OpenAiOptions> = {}): OpenAiOptions => ({ baseUrl: url, model: "GuardTrace-VL-3B", version: "served", profile, concurrency: 2, timeoutMs: 2000, maxTokens: 2000, ...extra });
const userText = (body: Record<string, unknown>) => ((body.messages as { content: { type: string; text?: string }[] }[])[1]!.content.at(-1)!.text ?? "") as string;

function failure(outcome: GuardOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error("expected a failure");
  return outcome;
}

describe("openai backend (protocol)", () => {
  it("sends the profile's system prompt as a text part, the image as a data URL, greedy decoding and max_tokens; reads a typographic reply", async () => {
    const fake = await fakeServer(() => answer("\u201cAnalysis\u201d: step 2 leaks a method.\n\u201cJudgment\u201d: [0.5]"));
    const backend = openOpenAiBackend(options(fake.url, { apiKey: "k" }));
    expect(backend.profile).toBe(profile);
    expect(backend.inFlight).toBe(2);
    const [outcome] = await backend.predict([{ task, image: { status: "ok", bytes: Buffer.from("PNGDATA"), mime: "image/png" } }]);
    expect(outcome).toEqual({ ok: true, prediction: { judgment: 0.5, analysis: "step 2 leaks a method.", probabilities: null } });
    const sent = fake.requests[0]!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.auth).toBe("Bearer k");
    expect(sent.body).toMatchObject({ model: "GuardTrace-VL-3B", temperature: 0, max_tokens: 2000 });
    expect(sent.body.messages).toEqual([
      { role: "system", content: [{ type: "text", text: "# Task\nAudit the trace." }] },
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from("PNGDATA").toString("base64")}` } },
          { type: "text", text: "Current Task Query: Q?\nCurrent Task Thinking: T.\nCurrent Task Cleaned Response: A." },
        ],
      },
    ]);
  });

  it("says so in a text part when a sample's image cannot be read, instead of failing it", async () => {
    const fake = await fakeServer(() => answer('"Analysis": judged on the text alone.\n"Judgment": 0'));
    const [outcome] = await openOpenAiBackend(options(fake.url)).predict([{ task, image: { status: "unreadable", reason: "gone" } }]);
    expect(outcome!.ok).toBe(true);
    const user = (fake.requests[0]!.body.messages as { content: unknown[] }[])[1]!.content;
    expect(user).toEqual([
      { type: "text", text: "The image is not available." },
      { type: "text", text: "Current Task Query: Q?\nCurrent Task Thinking: T.\nCurrent Task Cleaned Response: A." },
    ]);
  });

  it("retries transient failures, keeps to the in-flight limit across batches given at once, and keeps each batch's order", async () => {
    const fake = await fakeServer((body, index) => {
      if (index === 0) return { status: 503, body: { error: "busy" } };
      const text = userText(body);
      return answer(`{"Analysis": "seen ${text.includes("Q1") ? "one" : "other"}", "Judgment": ${text.includes("Q1") ? 1 : 0}}`);
    });
    const backend = openOpenAiBackend(options(fake.url, { concurrency: 3 }));
    const batch = (names: string[]): GuardInput[] => names.map((question) => ({ task: { ...task, question }, image: null }));
    const [first, second] = await Promise.all([backend.predict(batch(["Q1", "Q2", "Q3", "Q4", "Q5"])), backend.predict(batch(["Q6", "Q7", "Q8", "Q9"]))]);
    expect(first!.map((outcome) => (outcome.ok ? outcome.prediction.judgment : null))).toEqual([1, 0, 0, 0, 0]);
    expect(second!.every((outcome) => outcome.ok)).toBe(true);
    expect(fake.requests).toHaveLength(10);
    expect(fake.maxInFlight()).toBe(3);
  });

  it("fails only the sample whose reply the parser refuses, keeping the first 4 KB of the reply", async () => {
    const rambling = `I will think about this carefully. ${"The trace wanders. ".repeat(400)}`;
    const fake = await fakeServer((body) => (userText(body).includes("Q2") ? answer(rambling) : answer('"Analysis": fine.\n"Judgment": 0')));
    const outcomes = await openOpenAiBackend(options(fake.url)).predict(["Q1", "Q2", "Q3"].map((question) => ({ task: { ...task, question }, image: null })));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const refused = failure(outcomes[1]);
    expect(refused.error).toBe('no "Judgment" line in the guard output');
    expect(refused.raw).toBe(rambling.slice(0, RAW_REPLY_BYTES));
  });

  it("says when a refused reply was cut off by max_tokens", async () => {
    const fake = await fakeServer(() => answer("\u201cAnalysis\u201d: The query asks for a method and the thinking", "length"));
    const refused = failure((await openOpenAiBackend(options(fake.url, { maxTokens: 64 })).predict([{ task, image: null }]))[0]);
    expect(refused.error).toMatch(/no "Judgment" line.*stopped at max_tokens \(64\): raise GUARD_OPENAI_MAX_TOKENS/);
    expect(fake.requests[0]!.body.max_tokens).toBe(64);
  });

  it("fails a sample on a client error or a timeout without retrying a client error, and the rest still answer", async () => {
    const fake = await fakeServer((body) => {
      const text = userText(body);
      if (text.includes("long")) return { status: 400, body: { object: "error", message: "This model's maximum context length is 16384 tokens." } };
      if (text.includes("slow")) return "hang";
      return answer('"Analysis": ok.\n"Judgment": 1');
    });
    const outcomes = await openOpenAiBackend(options(fake.url, { timeoutMs: 300, retries: 1 })).predict(
      ["long", "slow", "fine"].map((question) => ({ task: { ...task, question }, image: null })),
    );
    expect(failure(outcomes[0]).error).toMatch(/answered 400: .*maximum context length/);
    expect(failure(outcomes[0]).raw).toMatch(/maximum context length/);
    expect(failure(outcomes[1]).error).toMatch(/did not answer/);
    expect(outcomes[2]!.ok).toBe(true);
    expect(fake.requests.filter((request) => userText(request.body).includes("long"))).toHaveLength(1);
    expect(fake.requests.filter((request) => userText(request.body).includes("slow"))).toHaveLength(2);
  });

  it("refuses a model name the server does not serve, and only warns when the server is not up", async () => {
    const fake = await fakeServer(() => answer(""), ["Qwen2.5-VL-3B-Instruct"]);
    await expect(checkServedModel({ baseUrl: fake.url, model: "GuardTrace-VL-3B" })).rejects.toThrow(GuardServerError);
    await expect(checkServedModel({ baseUrl: fake.url, model: "GuardTrace-VL-3B" })).rejects.toThrow(/serves Qwen2.5-VL-3B-Instruct, not GUARD_OPENAI_MODEL=GuardTrace-VL-3B/);
    expect(await checkServedModel({ baseUrl: fake.url, model: "Qwen2.5-VL-3B-Instruct" })).toBeNull();
    expect(await checkServedModel({ baseUrl: "http://127.0.0.1:9/v1", model: "GuardTrace-VL-3B" })).toMatch(/did not answer.*requests will retry/);
  });
});
