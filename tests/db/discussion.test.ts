import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { addComment } from "@/lib/services/discussion/add-comment";
import { getInbox } from "@/lib/services/discussion/get-inbox";
import { listComments } from "@/lib/services/discussion/list-comments";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";
import { resolveFlags } from "@/lib/services/queue/resolve-flags";
import { flagSample, skipSample } from "@/lib/services/queue/set-sample-aside";
import { listSamples } from "@/lib/services/samples/list-samples";
import { getDashboard } from "@/lib/services/stats/get-dashboard";
import { addUser } from "@/lib/services/users/add-user";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let expert: Actor;
let colleague: Actor;
let admin: Actor;
let viewer: Actor;
let ids: Record<string, number>;

const actorOf = async (email: string, role: "admin" | "expert" | "viewer"): Promise<Actor> => {
  const user = await addUser(CLI_ACTOR, { email, role, password: "a long password" });
  return { userId: user.id, email: user.email, role, via: "session" };
};

beforeAll(async () => {
  database = await createTestDatabase();
  expert = await actorOf("ana@example.org", "expert");
  colleague = await actorOf("bo@example.org", "expert");
  admin = await actorOf("lead@example.org", "admin");
  viewer = await actorOf("watcher@example.org", "viewer");
  const lines = ["t1", "t2", "t3"].map((id) => sampleLine(id, { judges: [{ name: "gpt-5", analysis: "a", judgment: 0 }, { name: "gemini-2.5-pro", analysis: "b", judgment: 1 }, { name: "qwen3-vl-235b", analysis: "c", judgment: 1 }] }));
  await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(await tempDir(), "talk.jsonl", lines), dataset: "talk" });
  const { rows } = await pool().query<{ id: number; external_id: string }>(`SELECT id, external_id FROM samples`);
  ids = Object.fromEntries(rows.map((row) => [row.external_id, row.id]));
});
afterAll(async () => database.drop());

describe("discussion threads", () => {
  it("keep comments as plain text with author and time, and put a mentioned user's thread in their inbox until they read it", async () => {
    const hostile = "<img src=x onerror=alert(1)> step 3 leaks the method, @bo@example.org and @lead@example.org: agree?";
    const posted = await addComment(expert, ids.t1, { body: hostile });
    expect(posted.mentioned).toEqual(["bo@example.org", "lead@example.org"]);
    await addComment(colleague, ids.t1, { body: "Agreed, @ana@example.org." });

    const { comments } = await listComments(viewer, ids.t1);
    expect(comments.map((comment) => [comment.author, comment.kind, comment.body])).toEqual([
      ["ana@example.org", "comment", hostile],
      ["bo@example.org", "comment", "Agreed, @ana@example.org."],
    ]);
    expect(Date.parse(comments[0]!.createdAt)).toBeGreaterThan(0);

    const inbox = await getInbox(colleague);
    expect(inbox.unread).toBe(1);
    expect(inbox.threads).toEqual([expect.objectContaining({ sampleId: ids.t1, externalId: "t1", dataset: "talk", unread: 1, mentions: 1, lastAuthor: "bo@example.org" })]);
    // Opening the thread reads it.
    await listComments(colleague, ids.t1);
    expect((await getInbox(colleague)).unread).toBe(0);
    expect((await getInbox(colleague)).threads[0]).toMatchObject({ unread: 0, mentions: 1 });
    expect((await getInbox(admin)).unread).toBe(1);
    expect((await getInbox(viewer)).threads).toEqual([]);
  });

  it("refuses an empty comment, a viewer's comment and an unknown sample", async () => {
    await expect(addComment(expert, ids.t2, { body: "   " })).rejects.toThrow(ValidationError);
    await expect(addComment(viewer, ids.t2, { body: "hello" })).rejects.toThrow(ForbiddenError);
    await expect(addComment(expert, 999_999, { body: "hello" })).rejects.toThrow(NotFoundError);
    await expect(listComments(expert, 999_999)).rejects.toThrow(NotFoundError);
  });

  it("opens a thread with a flag's note and closes the flag with a resolution's note; admins find both", async () => {
    const claimed = await claimNextSample(expert, { dataset: "talk" });
    const flagged = claimed!.sample.id;
    await flagSample(expert, flagged, { note: "Is the reference right? @lead@example.org" });
    const open = await listSamples(admin, { dataset: "talk", discussion: "open_flag" });
    expect(open.items.map((item) => item.id)).toEqual([flagged]);
    expect((await getDashboard(admin, { dataset: "talk" })).discussion).toEqual({ openFlags: 1, threads: new Set([ids.t1, flagged]).size });

    await expect(resolveFlags(admin, flagged, {})).rejects.toThrow(ValidationError);
    await resolveFlags(admin, flagged, { note: "The reference stands: step 2 is harmless." });
    await expect(resolveFlags(admin, flagged, { note: "again" })).rejects.toThrow(ConflictError);
    const { comments } = await listComments(admin, flagged);
    expect(comments.map((comment) => comment.kind).slice(-2)).toEqual(["flag", "resolution"]);
    expect((await listSamples(admin, { dataset: "talk", discussion: "open_flag" })).items).toEqual([]);
    expect((await listSamples(admin, { dataset: "talk", discussion: "thread" })).items.map((item) => item.id).sort()).toEqual([...new Set([ids.t1!, flagged])].sort());
  });

  it("finds the samples an expert skipped, and only those", async () => {
    expect((await listSamples(admin, { dataset: "talk", discussion: "skipped" })).items).toEqual([]);
    const claimed = await claimNextSample(expert, { dataset: "talk" });
    await skipSample(expert, claimed!.sample.id, { reason: "Needs a medical reviewer." });
    expect((await listSamples(admin, { dataset: "talk", discussion: "skipped" })).items.map((item) => item.id)).toEqual([claimed!.sample.id]);
  });

  it("audits every comment with its text", async () => {
    const { rows } = await pool().query<{ after: { kind: string; body: string } }>(`SELECT after FROM audit_events WHERE action = 'comment.add' ORDER BY id`);
    expect(rows.map((row) => row.after.kind)).toEqual(["comment", "comment", "flag", "resolution"]);
    expect(rows[3]!.after.body).toBe("The reference stands: step 2 is harmless.");
  });
});
