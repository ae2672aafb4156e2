import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { apiHandler } from "@/lib/http/api-handler";
import { exportFile } from "@/lib/services/exports/get-export";

/** Streams the finished bundle from disk: never read whole into memory. */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
  const { id } = await params;
  const file = await exportFile(actor, id);
  const { size } = await stat(file.path);
  return new Response(Readable.toWeb(createReadStream(file.path)) as ReadableStream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
});
