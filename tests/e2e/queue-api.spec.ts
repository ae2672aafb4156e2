import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { STATE_FILE, type E2EState } from "./support/e2e-state";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test("the queue API answers 401, 403, 204, 409 and 422 where docs/api.md says", async ({ request }) => {
  const { adminToken, viewerToken } = state();
  expect((await request.post("/api/v1/queue/claim")).status()).toBe(401);
  expect((await request.post("/api/v1/queue/claim", { headers: auth(viewerToken) })).status()).toBe(403);
  const empty = await request.post("/api/v1/queue/claim", { headers: auth(adminToken), data: { dataset: "no-such-dataset" } });
  expect(empty.status()).toBe(204);
  const badFilter = await request.post("/api/v1/queue/claim", { headers: auth(adminToken), data: { category: "weapons" } });
  expect(badFilter.status()).toBe(422);
  expect((await badFilter.json()).error.fields).toHaveProperty("category");
  const notJson = await request.post("/api/v1/queue/claim", { headers: { ...auth(adminToken), "content-type": "application/json" }, data: "{oops" });
  expect(notJson.status()).toBe(422);

  const listed = await request.get("/api/v1/samples?externalId=demo-0010", { headers: auth(adminToken) });
  const id = ((await listed.json()) as { items: { id: number }[] }).items[0]!.id;
  const unleased = await request.post(`/api/v1/samples/${id}/adjudications`, { headers: auth(adminToken), data: { supports: "gpt-5" } });
  expect(unleased.status()).toBe(409);
  const badBody = await request.post(`/api/v1/samples/${id}/adjudications`, { headers: auth(adminToken), data: { judgment: 0.7 } });
  expect(badBody.status()).toBe(422);
  expect(Object.keys((await badBody.json()).error.fields).sort()).toEqual(["analysis", "judgment"]);
  expect((await request.post(`/api/v1/samples/${id}/adjudications`, { headers: auth(viewerToken), data: { supports: "gpt-5" } })).status()).toBe(403);
  expect((await request.post(`/api/v1/samples/999999/adjudications`, { headers: auth(adminToken), data: { supports: "gpt-5" } })).status()).toBe(404);
  expect((await request.post(`/api/v1/samples/abc/lease`, { headers: auth(adminToken) })).status()).toBe(422);

  const claimed = await request.post("/api/v1/queue/claim", { headers: auth(adminToken), data: { dataset: "demo" } });
  expect(claimed.status()).toBe(200);
  const claim = (await claimed.json()) as { sample: { id: number; judges: { name: string }[] }; leaseExpiresAt: string; round: string };
  expect(claim.round).toBe("first");
  expect(Date.parse(claim.leaseExpiresAt)).toBeGreaterThan(Date.now());
  const decided = await request.post(`/api/v1/samples/${claim.sample.id}/adjudications`, { headers: auth(adminToken), data: { supports: claim.sample.judges[0]!.name } });
  expect(decided.status()).toBe(201);
  const again = await request.post(`/api/v1/samples/${claim.sample.id}/adjudications`, { headers: auth(adminToken), data: { supports: claim.sample.judges[0]!.name } });
  expect(again.status()).toBe(409);
  const detail = await request.get(`/api/v1/samples/${claim.sample.id}`, { headers: auth(adminToken) });
  expect(((await detail.json()) as { adjudications: unknown[] }).adjudications).toHaveLength(1);
});
