import "server-only";
import { db } from "../../db/prisma";

/** Used at start-up to tell a new installation how to create its first admin. */
export async function countUsers(): Promise<number> {
  return db().user.count();
}
