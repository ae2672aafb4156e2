import type { SampleDetail } from "@/lib/services/samples/load-sample-detail";
import { ResolveFlagsButton } from "./ResolveFlagsButton";

/** Skips and flags: why experts passed on a sample, and what is held back for discussion. */
export function QueueHistory({ sampleId, skips, flags, canResolve }: { sampleId: number; skips: SampleDetail["skips"]; flags: SampleDetail["flags"]; canResolve: boolean }) {
  if (skips.length === 0 && flags.length === 0) return <p className="text-sm text-slate-500">No skips or flags.</p>;
  const open = flags.some((flag) => flag.resolvedAt === null);
  return (
    <ul className="space-y-1.5 text-sm">
      {flags.map((flag) => (
        <li key={`flag-${flag.createdAt}`} className="rounded border border-amber-300 bg-amber-50 px-3 py-2">
          <span className="font-medium">Flagged</span> by {flag.expert}: <span className="whitespace-pre-wrap break-words">{flag.note}</span>
          <span className="ml-1 text-xs text-slate-500">{flag.resolvedAt ? "(resolved)" : "(open: out of the queue)"}</span>
        </li>
      ))}
      {skips.map((skip) => (
        <li key={`skip-${skip.createdAt}-${skip.expert}`} className="rounded border border-slate-200 bg-white px-3 py-2">
          <span className="font-medium">Skipped</span> by {skip.expert}: <span className="whitespace-pre-wrap break-words">{skip.reason}</span>
        </li>
      ))}
      {open && canResolve && (
        <li>
          <ResolveFlagsButton sampleId={sampleId} />
        </li>
      )}
    </ul>
  );
}
