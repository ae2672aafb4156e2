import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { e2eState, gts } from "./support/e2e-data";
import { METRICS_TOKEN, WORKER_METRICS_PORT } from "./support/e2e-state";

const DATASET = "e2e-metrics";

type Scrape = { families: Map<string, ReturnType<typeof parsePrometheusTextFormat>[number]>; series: { name: string; labels: Record<string, string>; value: number }[] };

/**
 * /metrics parsed as Prometheus text (the parser throws on anything else), as families by name; and each
 * sample line as a series, since the parser folds a labelled histogram's series into one.
 */
async function scrape(request: APIRequestContext, token: string, url = "/metrics"): Promise<Scrape> {
  const response = await request.get(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const text = await response.text();
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const series = text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [, name, labels = "", value] = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return { name: name!, labels: Object.fromEntries([...labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, label]) => [key!, label!])), value: Number(value) };
    });
  return { families, series };
}

/** The value of the series with this name and (at least) these labels; 0 when there is none yet. */
const valueOf = ({ series }: Scrape, name: string, labels: Record<string, string>) =>
  series.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value ?? 0;

test.beforeAll(async () => {
  const judges = [0, 1, 0].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  await gts(["import", await writeJsonl(await tempDir(), "metrics.jsonl", [sampleLine("metrics-1", { judges }), sampleLine("metrics-2", { judges })]), "--dataset", DATASET]);
  await gts(["dataset", "set", DATASET, "--second-opinion-share", "0"]);
});

test("/metrics parses as Prometheus text, and a decision moves its counters, its latency and the queue's depth", async ({ request }) => {
  const { adminToken, expertToken } = e2eState();
  const before = await scrape(request, adminToken);
  expect(valueOf(before, "gts_queue_depth", { dataset: DATASET, round: "first" })).toBe(2);

  const expert = { authorization: `Bearer ${expertToken}` };
  const claimed = await request.post("/api/v1/queue/claim", { headers: expert, data: { dataset: DATASET } });
  const { sample } = (await claimed.json()) as { sample: { id: number } };
  expect((await request.post(`/api/v1/samples/${sample.id}/adjudications`, { headers: expert, data: { supports: "gpt-5" } })).status()).toBe(201);

  const after = await scrape(request, METRICS_TOKEN);
  expect(valueOf(after, "gts_decisions_total", { kind: "supports_judge" })).toBe(valueOf(before, "gts_decisions_total", { kind: "supports_judge" }) + 1);
  expect(valueOf(after, "gts_claims_total", { outcome: "claimed", ahead: "false" })).toBeGreaterThan(valueOf(before, "gts_claims_total", { outcome: "claimed", ahead: "false" }));
  expect(valueOf(after, "gts_queue_depth", { dataset: DATASET, round: "first" })).toBe(1);
  expect(after.families.get("gts_active_leases")?.type).toBe("GAUGE");
  expect(after.families.get("gts_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
  // The request is labelled by its route, not by the sample's id.
  expect(valueOf(after, "gts_http_request_duration_seconds_count", { method: "POST", route: "/api/v1/samples/{id}/adjudications", status: "201" })).toBeGreaterThanOrEqual(1);
  expect(after.series.some((metric) => metric.labels.route?.includes(String(sample.id)))).toBe(false);
});

test("/metrics refuses a wrong scrape token and a viewer's", async ({ request }) => {
  expect((await request.get("/metrics", { headers: { authorization: "Bearer not-the-metrics-token" } })).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { authorization: `Bearer ${e2eState().viewerToken}` } })).status()).toBe(403);
});

test("the worker serves its own metrics on its port: an export it ran is there, with its rows", async ({ request }) => {
  const workerMetrics = `http://127.0.0.1:${WORKER_METRICS_PORT}/metrics`;
  expect((await request.get(workerMetrics)).status()).toBe(401);
  const before = await scrape(request, METRICS_TOKEN, workerMetrics);
  // The store's gauges are the web server's to report, once.
  expect(before.families.has("gts_queue_depth")).toBe(false);
  const succeeded = (scraped: Scrape) => valueOf(scraped, "gts_export_duration_seconds_count", { kind: "sft", outcome: "succeeded" });

  const admin = { authorization: `Bearer ${e2eState().adminToken}` };
  const created = (await (await request.post("/api/v1/exports", { headers: admin, data: { kind: "sft", format: "trl", dataset: "demo" } })).json()) as { id: string };
  await expect.poll(async () => ((await (await request.get(`/api/v1/exports/${created.id}`, { headers: admin })).json()) as { status: string }).status, { timeout: 60_000 }).toBe("succeeded");

  const after = await scrape(request, METRICS_TOKEN, workerMetrics);
  expect(succeeded(after)).toBe(succeeded(before) + 1);
  expect(valueOf(after, "gts_export_rows_total", { kind: "sft" })).toBeGreaterThan(valueOf(before, "gts_export_rows_total", { kind: "sft" }));
});

