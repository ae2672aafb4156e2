"use client";

/**
 * What a page shows when rendering it failed on the server. The error itself is logged there and never
 * shown: its message may carry internals. `digest` lets an operator find the log line.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="page-error-title" className="max-w-xl space-y-2 py-8">
      <h1 id="page-error-title" className="text-lg font-semibold">This page could not be shown</h1>
      <p role="alert" className="text-sm text-slate-700">
        Something went wrong on our side. Try again; if it keeps happening, give an administrator this reference:{" "}
        <code className="rounded bg-slate-100 px-1">{error.digest ?? "none"}</code>.
      </p>
      <button type="button" onClick={reset} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-700">
        Try again
      </button>
    </section>
  );
}
