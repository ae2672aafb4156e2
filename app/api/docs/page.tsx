import { ApiReference } from "@/components/api-docs/ApiReference";
import { requirePageActor } from "@/lib/auth/request-actor";

export const dynamic = "force-dynamic";

/** The interactive API reference, for signed-in users: every route, tried with the reader's own session. */
export default async function ApiDocsPage() {
  await requirePageActor("/api/docs");
  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">API reference</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        The OpenAPI 3.1 document is at{" "}
        <a href="/api/v1/openapi.json" className="font-mono text-sky-800 underline">
          /api/v1/openapi.json
        </a>{" "}
        (or <code className="font-mono">npm run gts -- openapi</code>). Scripts authenticate with an API token from your account page:{" "}
        <code className="font-mono">Authorization: Bearer gts_…</code>. &ldquo;Try it out&rdquo; below uses your session and your role.
      </p>
      <ApiReference specUrl="/api/v1/openapi.json" />
    </div>
  );
}
