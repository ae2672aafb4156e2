import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { HOSTILE_ID, E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;

test("an expert mentions the admin in a sample's thread; the admin finds it in the inbox, reads it and replies", async ({ browser, request }) => {
  const listed = await request.get(`/api/v1/samples?externalId=${HOSTILE_ID}`, { headers: { authorization: `Bearer ${state().adminToken}` } });
  const sampleId = ((await listed.json()) as { items: { id: number }[] }).items[0]!.id;
  const comment = `<b>not bold</b> <img src=x onerror="window.__pwned='comment'"> step 2 leaks the method, @${E2E_USERS.admin.email} agree?`;

  const expert = await (await browser.newContext()).newPage();
  await signIn(expert, E2E_USERS.expert.email, E2E_USERS.expert.password);
  await expert.goto(`/samples/${sampleId}`);
  const discussion = expert.getByRole("region", { name: "Discussion" });
  await expect(discussion).toContainText("No comments yet.");
  await discussion.getByLabel("Comment", { exact: true }).fill(comment);
  await discussion.getByLabel("Comment", { exact: true }).press("Control+Enter");
  await expect(discussion.getByRole("status")).toHaveText(`Posted; ${E2E_USERS.admin.email} will find it in their inbox.`);
  const posted = discussion.getByRole("list", { name: "Comments" }).getByRole("listitem");
  await expect(posted).toHaveCount(1);
  // Text, never markup: the tags show as written and nothing runs.
  await expect(posted.first()).toContainText(comment);
  await expect(posted.first()).toContainText(E2E_USERS.expert.email);
  expect(await expert.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  await expect(posted.locator("img, b")).toHaveCount(0);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await expect(admin.getByTestId("inbox-unread")).toHaveText("1 unread");
  await admin.getByRole("link", { name: /^Inbox/ }).click();
  const thread = admin.getByRole("table", { name: "Threads that mention you" }).getByRole("row", { name: new RegExp(HOSTILE_ID) });
  await expect(thread).toContainText("1");
  await expect(thread).toContainText("step 2 leaks the method");
  await thread.getByRole("link", { name: HOSTILE_ID }).click();
  const adminDiscussion = admin.getByRole("region", { name: "Discussion" });
  await expect(adminDiscussion.getByRole("listitem")).toHaveCount(1);
  await adminDiscussion.getByLabel("Comment", { exact: true }).fill(`Agreed, @${E2E_USERS.expert.email}: flag it if it comes back.`);
  await adminDiscussion.getByRole("button", { name: "Post" }).click();
  await expect(adminDiscussion.getByRole("listitem")).toHaveCount(2);
  // Reading the thread read the mention.
  await expect(admin.getByTestId("inbox-unread")).toHaveCount(0);
  await admin.goto("/inbox");
  await expect(admin.getByRole("heading", { name: /Inbox/ })).toContainText("0 unread");

  // Away from the thread (opening it would read the mention), the expert sees the reply waiting.
  await expert.goto("/inbox");
  await expect(expert.getByTestId("inbox-unread")).toHaveText("1 unread");
});

test("the inbox badge leaves a phone's page as wide as the phone", async ({ browser, request }) => {
  const admin = { authorization: `Bearer ${state().adminToken}` };
  const listed = await request.get(`/api/v1/samples?externalId=${HOSTILE_ID}`, { headers: admin });
  const sampleId = ((await listed.json()) as { items: { id: number }[] }).items[0]!.id;
  const posted = await request.post(`/api/v1/samples/${sampleId}/comments`, { headers: admin, data: { body: `@${E2E_USERS.expert.email} one more look, please.` } });
  expect(posted.status()).toBe(201);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
  await signIn(page, E2E_USERS.expert.email, E2E_USERS.expert.password);
  await page.goto("/inbox");
  await expect(page.getByTestId("inbox-unread")).toBeAttached();
  // The badge's screen-reader label is placed absolutely: outside the scrolling nav it widened every page to 830 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
});
