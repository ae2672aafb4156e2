import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { ValidationError } from "../../errors";
import { datasetIdByName } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";
import { datasetAccessSchema } from "./assignment.schema";
import { replaceDatasetAccess, userIdsByEmail } from "./assignment-sql";

/** Restricts a dataset's queue to named experts and groups ("senior"), or, with both lists empty, opens it to every expert. */
export async function setDatasetAccess(actor: Actor | null, name: string, body: unknown): Promise<{ dataset: string; experts: string[]; groups: string[] }> {
  assertCan(actor, "quality:manage");
  const input = parseInput(datasetAccessSchema, body);
  return inTransaction(async (client) => {
    const datasetId = await datasetIdByName(client, name);
    const users = await userIdsByEmail(client, input.experts);
    const unknown = input.experts.filter((email) => !users.some((user) => user.email === email));
    if (unknown.length > 0) throw new ValidationError({ experts: [`no user ${unknown.join(", ")}`] });
    const groups = [...new Set(input.groups)];
    await replaceDatasetAccess(client, datasetId, [...new Set(users.map((user) => user.id))], groups);
    const after = { experts: [...new Set(input.experts)].sort(), groups: groups.sort() };
    await appendAuditEvent(client, { actor, action: "dataset.access", entityType: "dataset", entityId: datasetId, after });
    return { dataset: name, ...after };
  });
}
