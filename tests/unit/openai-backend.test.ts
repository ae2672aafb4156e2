import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { GuardServerError, openOpenAiBackend } from "@/lib/guard/backends/openai-backend";
import { GuardOutputError } from "@/lib/guard/guard-output-parser";

type Reply = { status: number; body: unknown } | "hang";
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A local OpenAI-compatible server that records requests and answers from a script. */
async function fakeServer(replies: (body: Record<string, unknown>, index: number) => Reply) {
  const requests: { path: string; auth: string | undefined; body: Record<string, unknown> }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const index = requests.length;
      requests.push({ path: request.url ?? "", auth: request.headers.authorization, body });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const reply = replies(body, index);
      if (reply === "hang") return;
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(reply.status, { "content-type": "application/json" });
        response.end(JSON.stringify(reply.body));
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, maxInFlight: () => maxInFlight };
}

const answer = (text: string) => ({ status: 200, body: { choices: [{ message: { role: "assistant", content: text } }] } });
const task = { question: "Q?", thinking: "T.", answer: "A." };

describe("openai backend (protocol)", () => {
  it("sends the guard prompt with the image as a data URL and parses the reply", async () => {
    const fake = await fakeServer(() => answer('"Analysis": step 2 leaks a method.\n"Judgment": 0.5'));
    const backend = openOpenAiBackend({ baseUrl: fake.url, model: "GuardTrace-VL-3B", version: "served", apiKey: "k", concurrency: 2, timeoutMs: 2000 });
    const [prediction] = await backend.predict([{ task, image: { bytes: Buffer.from("PNGDATA"), mime: "image/png" } }]);
    expect(prediction).toEqual({ judgment: 0.5, analysis: "step 2 leaks a method.", probabilities: null });
    const sent = fake.requests[0]!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.auth).toBe("Bearer k");
    expect(sent.body).toMatchObject({ model: "GuardTrace-VL-3B", temperature: 0 });
    const messages = sent.body.messages as { role: string; content: unknown }[];
    expect(messages[0]!.role).toBe("system");
    expect(messages[1]!.content).toEqual([
      { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from("PNGDATA").toString("base64")}` } },
      { type: "text", text: "Current Task Query: Q?\nCurrent Task Thinking: T.\nCurrent Task Cleaned Response: A." },
    ]);
  });

  it("retries transient failures, keeps to the concurrency limit, and keeps the batch order", async () => {
    const fake = await fakeServer((body, index) => {
      if (index === 0) return { status: 503, body: { error: "busy" } };
      const text = ((body.messages as { content: { type: string; text?: string }[] }[])[1]!.content.at(-1)!.text ?? "") as string;
      return answer(`{"Analysis": "seen ${text.includes("Q1") ? "one" : "other"}", "Judgment": ${text.includes("Q1") ? 1 : 0}}`);
    });
    const backend = openOpenAiBackend({ baseUrl: fake.url, model: "m", version: "v", concurrency: 2, timeoutMs: 2000 });
    const batch = ["Q1", "Q2", "Q3", "Q4", "Q5"].map((question) => ({ task: { ...task, question }, image: null }));
    const predictions = await backend.predict(batch);
    expect(predictions.map((prediction) => prediction.judgment)).toEqual([1, 0, 0, 0, 0]);
    expect(fake.requests).toHaveLength(6);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(2);
  });

  it("times out, and reports unparseable replies and client errors clearly", async () => {
    const hanging = await fakeServer(() => "hang");
    const slow = openOpenAiBackend({ baseUrl: hanging.url, model: "m", version: "v", concurrency: 1, timeoutMs: 100, retries: 1 });
    await expect(slow.predict([{ task, image: null }])).rejects.toThrow(GuardServerError);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const prose = await fakeServer(() => answer("It seems fine to me."));
    await expect(openOpenAiBackend({ baseUrl: prose.url, model: "m", version: "v", concurrency: 1, timeoutMs: 1000 }).predict([{ task, image: null }])).rejects.toThrow(GuardOutputError);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const refusing = await fakeServer(() => ({ status: 400, body: { error: "bad model" } }));
    await expect(openOpenAiBackend({ baseUrl: refusing.url, model: "m", version: "v", concurrency: 1, timeoutMs: 1000 }).predict([{ task, image: null }])).rejects.toThrow(/answered 400/);
    expect(refusing.requests).toHaveLength(1);
  });
});
