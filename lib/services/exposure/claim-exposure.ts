import "server-only";
import { pool } from "../../db/pool";
import { breakDue, type BreakDue } from "../../exposure/work-stretch";
import { breakInputs, recordBreakReminder, recordCapPassed } from "./exposure-sql";

/**
 * Safe viewing's part of a claim (docs/safe-viewing.md): the break reminder due on the claimed sample's
 * dataset, recorded in the audit trail the first time in a stretch, and, when the expert chose to go on
 * past the daily cap, a record of that once a day.
 */
export async function claimExposure(expertId: string, sampleId: number, beyondCap: boolean): Promise<BreakDue | null> {
  const db = pool();
  const [{ breakAfter, decidedAt, now }] = await Promise.all([breakInputs(db, expertId, sampleId), beyondCap ? recordCapPassed(db, expertId, sampleId) : undefined]);
  const due = breakDue(decidedAt, now, breakAfter);
  if (due) await recordBreakReminder(db, expertId, sampleId, due.since, due.minutes);
  return due;
}
