import type { SampleDetail } from "@/lib/services/samples/get-sample";
import { RiskBadge } from "./RiskBadge";

export function AdjudicationList({ adjudications }: { adjudications: SampleDetail["adjudications"] }) {
  if (adjudications.length === 0) return <p className="text-sm text-slate-500">Not adjudicated yet.</p>;
  return (
    <ul className="space-y-2">
      {adjudications.map((adjudication) => (
        <li key={adjudication.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
          <div className="flex items-center justify-between gap-2">
            <span>
              <span className="font-medium">{adjudication.expert}</span>{" "}
              <span className="text-slate-500">
                ({adjudication.round} opinion,{" "}
                {adjudication.kind === "supports_judge" ? `sides with ${adjudication.supports}` : "correction"})
              </span>
            </span>
            <RiskBadge value={adjudication.judgment} />
          </div>
          {adjudication.span && (
            <p className="mt-1 text-xs text-slate-500">
              harm emerges at characters {adjudication.span[0]}–{adjudication.span[1]} of the thinking
            </p>
          )}
          {adjudication.analysis && <p className="mt-1 whitespace-pre-wrap break-words text-slate-700">{adjudication.analysis}</p>}
        </li>
      ))}
    </ul>
  );
}
