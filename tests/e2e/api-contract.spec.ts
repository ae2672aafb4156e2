import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect, test, type APIResponse } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { e2eQuery, e2eState, gts } from "./support/e2e-data";

const DATASET = "e2e-contract";

type Schema = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

/**
 * The server's real answers, held to the OpenAPI document's response schemas: what the document says a
 * route returns is what it returns. Read-only calls, and one claim that is given back.
 */
test.beforeAll(async () => {
  const judges = [0, 1, 0].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  await gts(["import", await writeJsonl(await tempDir(), "contract.jsonl", [sampleLine("contract-1", { judges })]), "--dataset", DATASET]);
  await gts(["dataset", "set", DATASET, "--second-opinion-share", "0"]);
});

test("the live API answers as its OpenAPI document describes", async ({ request }) => {
  const { adminToken, expertToken } = e2eState();
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const document = (await (await request.get("/api/v1/openapi.json", { headers: as(adminToken) })).json()) as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const problems: string[] = [];
  const check = async (method: string, template: string, response: APIResponse) => {
    const schema = document.paths[template]?.[method]?.responses[String(response.status())]?.content?.["application/json"]?.schema;
    if (!schema) return problems.push(`${method} ${template}: no JSON schema for status ${response.status()}`);
    // The references point into the document's components, which travel with the schema.
    const validate = ajv.compile({ ...schema, components: document.components });
    if (!validate(await response.json())) problems.push(`${method} ${template}: ${ajv.errorsText(validate.errors)}`);
  };

  const sampleId = (await e2eQuery<{ id: number }>(`SELECT s.id FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'demo' AND s.image_sha256 IS NOT NULL ORDER BY s.id LIMIT 1`))[0]!.id;
  const reads: [string, string][] = [
    ["/api/v1/samples", "/api/v1/samples?dataset=demo&limit=20"],
    ["/api/v1/samples/{id}", `/api/v1/samples/${sampleId}`],
    ["/api/v1/samples/{id}/comments", `/api/v1/samples/${sampleId}/comments`],
    ["/api/v1/stats", "/api/v1/stats?dataset=demo"],
    ["/api/v1/dashboard", "/api/v1/dashboard?dataset=demo"],
    ["/api/v1/prelabel-panel", "/api/v1/prelabel-panel"],
    ["/api/v1/imports", "/api/v1/imports"],
    ["/api/v1/exports", "/api/v1/exports"],
    ["/api/v1/audit", "/api/v1/audit?limit=50"],
    ["/api/v1/users", "/api/v1/users"],
    ["/api/v1/tokens", "/api/v1/tokens"],
    ["/api/v1/inbox", "/api/v1/inbox"],
    ["/api/v1/account/viewing", "/api/v1/account/viewing"],
  ];
  for (const [template, url] of reads) await check("get", template, await request.get(url, { headers: as(adminToken) }));
  const firstImport = ((await (await request.get("/api/v1/imports", { headers: as(adminToken) })).json()) as { items: { id: string }[] }).items[0];
  if (firstImport) await check("get", "/api/v1/imports/{id}", await request.get(`/api/v1/imports/${firstImport.id}`, { headers: as(adminToken) }));
  await check("post", "/api/v1/exports/preview", await request.post("/api/v1/exports/preview", { headers: as(adminToken), data: { kind: "all", format: "trl", dataset: "demo" } }));

  // The expert's side: progress, a claim (with its sample in full) and giving it back.
  await check("get", "/api/v1/queue/progress", await request.get(`/api/v1/queue/progress?dataset=${DATASET}`, { headers: as(expertToken) }));
  const claimed = await request.post("/api/v1/queue/claim", { headers: as(expertToken), data: { dataset: DATASET } });
  expect(claimed.status()).toBe(200);
  await check("post", "/api/v1/queue/claim", claimed);
  const { sample } = (await claimed.json()) as { sample: { id: number } };
  await check("delete", "/api/v1/samples/{id}/lease", await request.delete(`/api/v1/samples/${sample.id}/lease`, { headers: as(expertToken) }));
  // A refusal has the document's error shape too.
  await check("post", "/api/v1/samples/{id}/adjudications", await request.post(`/api/v1/samples/${sample.id}/adjudications`, { headers: as(expertToken), data: { supports: "gpt-5" } }));

  expect(problems).toEqual([]);
});
