import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError, ValidationError } from "../errors";

/**
 * For a page's `.catch`: what does not exist, or an id that cannot name anything, renders the not-found
 * page (`app/not-found.tsx`); anything else goes on to the error page.
 */
export function notFoundOnMissing(error: unknown): never {
  if (error instanceof NotFoundError || error instanceof ValidationError) notFound();
  throw error;
}
