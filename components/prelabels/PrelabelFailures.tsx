import Link from "next/link";
import type { PrelabelFailureView } from "@/lib/services/prelabel/list-prelabel-failures";

/** Failed jobs with their reason and, for a reply the parser refused, the reply itself (as text, never as markup). */
export function PrelabelFailures({ failures }: { failures: PrelabelFailureView[] }) {
  if (failures.length === 0) return null;
  return (
    <section aria-labelledby="prelabel-failures" className="space-y-2">
      <h2 id="prelabel-failures" className="text-sm font-semibold text-rose-800">
        Recent failures <span className="font-normal text-rose-900">(the newest {failures.length}; <code>npm run gts -- prelabel failures --limit N</code> lists more)</span>
      </h2>
      <ul className="max-h-[28rem] divide-y divide-rose-100 overflow-y-auto rounded border border-rose-200 bg-white text-xs" tabIndex={0} aria-label="Recent failures">
        {failures.map((failure) => (
          <li key={failure.jobId} className="space-y-1 px-2 py-1.5" data-testid="prelabel-failure">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
              {failure.sampleId !== null ? (
                <Link href={`/samples/${failure.sampleId}`} className="font-mono text-sky-800 underline">
                  {failure.externalId ?? `sample ${failure.sampleId}`}
                </Link>
              ) : (
                <span className="font-mono">unknown sample</span>
              )}
              <span className="font-mono text-slate-600">
                {failure.model} {failure.version}
              </span>
              <span className={failure.state === "failed" ? "font-medium text-rose-800" : "text-amber-800"}>
                {failure.state === "failed" ? "out of retries" : "will retry"} · attempt {failure.attempts} of {failure.maxAttempts}
              </span>
              <span className="font-mono text-slate-600">{new Date(failure.at).toLocaleString()}</span>
            </div>
            <p className="break-words text-rose-900">{failure.error}</p>
            {failure.raw !== null && (
              <details>
                <summary className="cursor-pointer text-slate-700">the guard&apos;s reply (first 4 KB)</summary>
                <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-[11px]">{failure.raw}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
