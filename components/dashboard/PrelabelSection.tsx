import type { Dashboard } from "@/lib/stats/dashboard-types";
import { ConfusionTable } from "./ConfusionTable";
import { FigureInfo } from "./FigureInfo";
import { figure, unlessTooFew } from "./format";

const total = (matrix: number[][]) => matrix.flat().reduce((sum, count) => sum + count, 0);

export function PrelabelSection({ dashboard }: { dashboard: Dashboard }) {
  return (
    <section aria-labelledby="prelabel" className="space-y-3">
      <h2 id="prelabel" className="text-sm font-semibold">Guard pre-label</h2>
      {dashboard.prelabelVersions.length === 0 && <p className="text-sm text-slate-500">No pre-labels yet.</p>}
      {dashboard.prelabelVersions.map((version) => (
        <div key={`${version.model}:${version.version}`} className="flex flex-wrap items-start gap-6 rounded border border-slate-200 bg-white p-3">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs">
            <dt className="text-slate-600">model</dt>
            <dd className="font-mono">
              {version.model} {version.version}
            </dd>
            <dt className="text-slate-600">pre-labels</dt>
            <dd className="font-mono">{version.n}</dd>
            <dt className="text-slate-600">
              F1 vs experts (harmful vs safe)
              <FigureInfo label="F1 vs experts" definition="F1 of the guard's harmful verdicts (0.5 and 1) against the first expert decision, over the samples both labelled." n={total(version.vsExpert)} />
            </dt>
            <dd className="font-mono">{unlessTooFew(total(version.vsExpert), figure(version.f1VsExpert))}</dd>
            <dt className="text-slate-600">
              macro-F1 vs experts
              <FigureInfo label="macro-F1 vs experts" definition="The mean of the F1 of each of the three levels, the guard against the first expert decision." n={total(version.vsExpert)} />
            </dt>
            <dd className="font-mono">{unlessTooFew(total(version.vsExpert), figure(version.macroF1VsExpert))}</dd>
            <dt className="text-slate-600">
              F1 vs unanimous consensus
              <FigureInfo label="F1 vs unanimous consensus" definition="F1 of the guard's harmful verdicts against the level of samples all three judges agreed on." n={total(version.vsConsensus)} />
            </dt>
            <dd className="font-mono">{unlessTooFew(total(version.vsConsensus), figure(version.f1VsConsensus))}</dd>
          </dl>
          <ConfusionTable matrix={version.vsExpert} caption="vs experts" rowLabel="expert" columnLabel="guard" />
          <ConfusionTable matrix={version.vsConsensus} caption="vs unanimous consensus" rowLabel="judges" columnLabel="guard" />
        </div>
      ))}
    </section>
  );
}
