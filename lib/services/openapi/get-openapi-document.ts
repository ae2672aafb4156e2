import type { Actor } from "../../auth/actor";
import { appVersion } from "../../app-version";
import { UnauthenticatedError } from "../../errors";
import { openApiDocument } from "../../openapi/document";

/** The API's description for a signed-in caller; it names no data, only the routes any role can read about. */
export async function getOpenApiDocument(actor: Actor | null): Promise<Record<string, unknown>> {
  if (!actor) throw new UnauthenticatedError();
  return openApiDocument(await appVersion());
}
