import type { Dashboard } from "@/lib/stats/dashboard-types";
import { ConfusionTable } from "./ConfusionTable";
import { figure } from "./format";

export function PrelabelSection({ dashboard }: { dashboard: Dashboard }) {
  return (
    <section aria-labelledby="prelabel" className="space-y-3">
      <h2 id="prelabel" className="text-sm font-semibold">Guard pre-label</h2>
      {dashboard.prelabelVersions.length === 0 && <p className="text-sm text-slate-500">No pre-labels yet.</p>}
      {dashboard.prelabelVersions.map((version) => (
        <div key={`${version.model}:${version.version}`} className="flex flex-wrap items-start gap-6 rounded border border-slate-200 bg-white p-3">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs">
            <dt className="text-slate-500">model</dt>
            <dd className="font-mono">
              {version.model} {version.version}
            </dd>
            <dt className="text-slate-500">pre-labels</dt>
            <dd className="font-mono">{version.n}</dd>
            <dt className="text-slate-500">F1 vs experts (harmful vs safe)</dt>
            <dd className="font-mono">{figure(version.f1VsExpert)}</dd>
            <dt className="text-slate-500">macro-F1 vs experts</dt>
            <dd className="font-mono">{figure(version.macroF1VsExpert)}</dd>
            <dt className="text-slate-500">F1 vs unanimous consensus</dt>
            <dd className="font-mono">{figure(version.f1VsConsensus)}</dd>
          </dl>
          <ConfusionTable matrix={version.vsExpert} caption="vs experts" rowLabel="expert" columnLabel="guard" />
          <ConfusionTable matrix={version.vsConsensus} caption="vs unanimous consensus" rowLabel="judges" columnLabel="guard" />
        </div>
      ))}
    </section>
  );
}
