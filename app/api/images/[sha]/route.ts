import { apiHandler } from "@/lib/http/api-handler";
import { getImage } from "@/lib/services/images/get-image";

export const GET = apiHandler(async (request, { params }: { params: Promise<{ sha: string }> }, actor) => {
  const { sha } = await params;
  const image = await getImage(actor, sha);
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.mime,
      "Content-Length": String(image.bytes.length),
      "X-Content-Type-Options": "nosniff",
      // Content-addressed, so the bytes behind a URL never change; private because reading needs a session.
      "Cache-Control": "private, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
