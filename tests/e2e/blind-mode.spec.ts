import { expect, test, type Browser, type Page } from "@playwright/test";
import { blindOrder } from "../../lib/domain/blind-order";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { e2eQuery as query, gts as cli } from "./support/e2e-data";
import { signIn } from "./support/session";

const DATASET = "e2e-blind";
const NAMES = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"];
type Expert = { email: string; password: string; id: string };

test.describe.configure({ mode: "serial" });

let sampleId: number;
let pair: [Expert, Expert];

/** A new expert, `blind-N@e2e.test`, with the id the database gave them. */
async function addExpert(index: number): Promise<Expert> {
  const expert = { email: `blind-${index}@e2e.test`, password: `blind-password-${index}` };
  await cli(["user", "add", expert.email, "--role", "expert"], `${expert.password}\n`);
  return { ...expert, id: (await query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [expert.email]))[0]!.id };
}

test.beforeAll(async () => {
  // One sample, three judges whose analyses say who they are, and a guard pre-label.
  const judges = NAMES.map((name, index) => ({ name, analysis: `Analysis written by ${name}.`, judgment: index === 2 ? 1 : 0 }));
  const line = sampleLine("blind-1", { judges, prelabel: { model: "guard-e2e", judgment: 1 } });
  await cli(["import", await writeJsonl(await tempDir(), "blind.jsonl", [line]), "--dataset", DATASET]);
  await cli(["dataset", "set", DATASET, "--second-opinion-share", "0"]);
  sampleId = (await query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'blind-1'`))[0]!.id;
  // Two experts whose orders differ on this sample. Their ids are random, so a second expert has the
  // first one's order one time in six: add experts until one differs (a fixed four were all alike once in 216 runs).
  const orderOf = (id: string) => blindOrder(id, sampleId, 3).join(",");
  const first = await addExpert(0);
  let second = await addExpert(1);
  for (let index = 2; orderOf(second.id) === orderOf(first.id); index += 1) second = await addExpert(index);
  pair = [first, second];
});

async function blindWorkspace(browser: Browser, expert: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, expert.email, expert.password);
  await page.goto(`/queue?dataset=${DATASET}`);
  await expect(page.getByTestId("workspace-sample")).toHaveText("blind-1");
  await page.keyboard.press("b");
  await expect(page.getByRole("button", { name: /Blind on/ })).toBeVisible();
  return page;
}

/** The judges' true names in the order the workspace shows them, read from their analyses. */
async function shownOrder(page: Page): Promise<string[]> {
  const cards = page.getByRole("list", { name: "Judges" }).getByRole("article");
  await expect(cards).toHaveCount(3);
  return (await cards.allTextContents()).map((text) => /Analysis written by (\S+)\./.exec(text)![1]!);
}

test("blind mode shows each expert the judges in an order of their own, stable over a reload, with the pre-label hidden", async ({ browser }) => {
  const [first, second] = pair;
  const page = await blindWorkspace(browser, first);
  const order = await shownOrder(page);
  expect(order).toEqual(blindOrder(first.id, sampleId, 3).map((index) => NAMES[index]));
  await expect(page.getByRole("list", { name: "Judges" }).getByRole("heading")).toHaveText(["Judge A", "Judge B", "Judge C"]);
  await expect(page.getByText("Guard pre-label")).toHaveCount(0);
  await expect(page.getByText("guard-e2e")).toHaveCount(0);
  await page.reload();
  expect(await shownOrder(page)).toEqual(order);
  // Out of blind mode, the names, the imported order and the pre-label come back.
  await page.keyboard.press("b");
  expect(await shownOrder(page)).toEqual(NAMES);
  await expect(page.getByText("guard-e2e")).toBeVisible();
  await page.keyboard.press("b");
  // Passed on, so that the other expert meets the same sample.
  await page.keyboard.press("s");
  await page.keyboard.type("leaving it to a colleague");
  await page.keyboard.press("Enter");
  await expect(page.getByText("The queue is empty for these filters.")).toBeVisible();

  const other = await blindWorkspace(browser, second);
  const otherOrder = await shownOrder(other);
  expect(otherOrder).toEqual(blindOrder(second.id, sampleId, 3).map((index) => NAMES[index]));
  expect(otherOrder).not.toEqual(order);
  // Key 1 sides with the judge shown first.
  await other.keyboard.press("1");
  await expect(other.getByRole("status").filter({ hasText: "Saved blind-1" })).toContainText("sided with Judge A");
  const decided = await query<{ supported_judge: string }>(`SELECT supported_judge FROM adjudications WHERE sample_id = $1`, [sampleId]);
  expect(decided).toEqual([{ supported_judge: otherOrder[0] }]);
});
