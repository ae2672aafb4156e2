import type { SampleDetail } from "@/lib/services/samples/get-sample";
import { RiskBadge } from "./RiskBadge";

export function PrelabelPanel({ prelabels }: { prelabels: SampleDetail["prelabels"] }) {
  if (prelabels.length === 0) {
    return <p className="text-sm text-slate-500">No guard pre-label yet. The pre-label worker fills this slot.</p>;
  }
  return (
    <ul className="space-y-2">
      {prelabels.map((prelabel) => (
        <li key={`${prelabel.model}:${prelabel.version}`} className="rounded border border-slate-200 bg-white p-3">
          <div className="flex items-center justify-between gap-2">
            <span className="font-mono text-xs">
              {prelabel.model} <span className="text-slate-500">{prelabel.version}</span>
            </span>
            <RiskBadge value={prelabel.judgment} />
          </div>
          {prelabel.probabilities && (
            <dl className="mt-2 grid grid-cols-3 gap-1 text-xs">
              {(["safe", "potentially_harmful", "harmful"] as const).map((level) => (
                <div key={level}>
                  <dt className="text-slate-500">{level.replace("_", " ")}</dt>
                  <dd className="font-mono">{prelabel.probabilities![level].toFixed(3)}</dd>
                </div>
              ))}
            </dl>
          )}
          {prelabel.analysis && <p className="mt-2 whitespace-pre-wrap break-words text-[13px] text-slate-700">{prelabel.analysis}</p>}
          {prelabel.promptSha256 && (
            <p className="mt-2 text-[11px] text-slate-600">
              prompt <code title={prelabel.promptSha256}>sha256 {prelabel.promptSha256.slice(0, 12)}…</code>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
