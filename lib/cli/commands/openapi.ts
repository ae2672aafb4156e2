import { appVersion } from "../../app-version";
import { openApiDocument } from "../../openapi/document";

/** `gts openapi > openapi.json`: the same document `GET /api/v1/openapi.json` serves. */
export async function openApiCommand(): Promise<number> {
  const text = `${JSON.stringify(openApiDocument(await appVersion()), null, 2)}\n`;
  // The process exits right after a command returns: a pipe must have taken the whole document first.
  await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
  return 0;
}
