import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { db } from "../../db/prisma";
import { NotFoundError } from "../../errors";
import { parseInput } from "../parse-input";
import { sampleWhere } from "../samples/sample-where";
import { assignInputSchema } from "./assignment.schema";
import { adjudicatorIdByEmail, assignWaitingSamples } from "./assignment-sql";

/**
 * Sends samples to one expert (docs/quality-control.md): they come first in that expert's queue and are
 * hidden from the others until the assignment runs out. By id, or every waiting sample that the sample
 * list's filters match. Samples no longer waiting (decided, gold) are left out, and the reply says how
 * many were assigned.
 */
export async function assignSamples(actor: Actor | null, body: unknown): Promise<{ expert: string; assigned: number; matched: number; days: number }> {
  assertCan(actor, "quality:manage");
  const input = parseInput(assignInputSchema, body);
  const ids =
    input.sampleIds ??
    (await db().sample.findMany({ where: { ...sampleWhere(input.filters!), queueItems: { some: {} }, gold: null }, select: { id: true }, orderBy: { id: "asc" }, take: input.limit })).map(
      (row) => row.id,
    );
  return inTransaction(async (client) => {
    const expertId = await adjudicatorIdByEmail(client, input.expert);
    if (!expertId) throw new NotFoundError(`no enabled expert ${input.expert}`);
    const assigned = ids.length === 0 ? 0 : await assignWaitingSamples(client, ids, expertId, input.days);
    await appendAuditEvent(client, {
      actor,
      action: "queue.assign",
      entityType: "user",
      entityId: expertId,
      after: { expert: input.expert, assigned, days: input.days, ...(input.sampleIds ? { sampleIds: input.sampleIds } : { filters: input.filters }) },
    });
    return { expert: input.expert, assigned, matched: ids.length, days: input.days };
  });
}
