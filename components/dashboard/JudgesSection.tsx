import Link from "next/link";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import { readAlpha, readKappa } from "@/lib/stats/readings";
import { AgreementLegend } from "./AgreementLegend";
import { ConfusionTable } from "./ConfusionTable";
import { agreementColour, figure, percent, samplesHref, TOO_FEW, unlessTooFew } from "./format";
import { Tile } from "./OverviewSection";

export function JudgesSection({ dashboard }: { dashboard: Dashboard }) {
  const { stats, alphaInterval, dataset } = dashboard;
  const alpha = stats.judges.krippendorff_alpha;
  const judges = stats.judges.per_judge.map((row) => row.judge);
  // How many samples both the judge and a first expert decision judged: the n behind "agrees with experts".
  const decidedBoth = (judge: string) => dashboard.judgeVsExpert.find((row) => row.judge === judge)?.matrix.flat().reduce((sum, count) => sum + count, 0) ?? 0;
  const kappaOf = (a: string, b: string) => stats.judges.pairwise.find((pair) => (pair.a === a && pair.b === b) || (pair.a === b && pair.b === a));
  const interval = (key: keyof typeof alphaInterval) => {
    const range = alphaInterval[key];
    return range ? `95% CI ${figure(range.low)} – ${figure(range.high)}` : "CI —";
  };
  // α and κ rest on the samples at least two judges rated; a reference-only sample has none.
  const judged = stats.routing.unanimous + stats.routing.majority + stats.routing.no_majority;
  const alphaInfo = (scale: string, reading: number | null) => ({
    definition: `Krippendorff's α with the ${scale} distance: 1 − observed disagreement / disagreement expected by chance, over all judges and samples. 1 is perfect agreement, 0 is chance.`,
    n: judged,
    reading: readAlpha(reading),
  });
  return (
    <section aria-labelledby="judges" className="space-y-3">
      <h2 id="judges" className="text-sm font-semibold">Judges</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile label="Krippendorff α nominal" value={<span data-testid="alpha-nominal">{figure(alpha.nominal)}</span>} detail={interval("nominal")} info={alphaInfo("nominal (levels as categories)", alpha.nominal)} />
        <Tile label="Krippendorff α ordinal" value={<span data-testid="alpha-ordinal">{figure(alpha.ordinal)}</span>} detail={interval("ordinal")} info={alphaInfo("ordinal (0 < 0.5 < 1, ranks only)", alpha.ordinal)} />
        <Tile label="Krippendorff α interval" value={<span data-testid="alpha-interval">{figure(alpha.interval)}</span>} detail={interval("interval")} info={alphaInfo("interval (0, 0.5 and 1 as numbers)", alpha.interval)} />
        <Tile
          label="Fleiss κ"
          value={<span data-testid="fleiss-kappa">{figure(stats.judges.fleiss_kappa)}</span>}
          info={{ definition: "Fleiss' κ: agreement among all judges on each sample beyond what their overall level shares would give by chance, levels as categories.", n: judged, reading: readKappa(stats.judges.fleiss_kappa) }}
        />
      </div>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <div className="rounded border border-slate-200 bg-white p-3">
          <table className="text-xs" aria-label="Pairwise Cohen's kappa">
            <caption className="mb-1 text-left font-medium">Pairwise Cohen&apos;s κ (unweighted; n, agreement, linear κ and the reading in each cell&apos;s tooltip)</caption>
            <thead>
              <tr>
                <td />
                {judges.map((judge) => (
                  <th key={judge} scope="col" className="px-2 font-mono font-normal">
                    {judge}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {judges.map((row) => (
                <tr key={row}>
                  <th scope="row" className="px-2 text-right font-mono font-normal">
                    {row}
                  </th>
                  {judges.map((column) => {
                    const pair = row === column ? null : kappaOf(row, column);
                    return (
                      <td
                        key={column}
                        title={pair ? `n ${pair.n}, agreement ${figure(pair.agreement)}, linear κ ${figure(pair.cohen_kappa_linear)}${pair.cohen_kappa === null ? "" : `; ${readKappa(pair.cohen_kappa)}`}` : undefined}
                        className="px-2 py-1 text-center font-mono"
                        style={{ backgroundColor: pair && pair.n >= TOO_FEW ? agreementColour(pair.cohen_kappa) : "transparent" }}
                      >
                        {pair ? unlessTooFew(pair.n, figure(pair.cohen_kappa)) : ""}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <AgreementLegend />
        </div>
        <div className="rounded border border-slate-200 bg-white p-3">
          <table className="w-full text-xs">
            <caption className="mb-1 text-left font-medium">Each judge</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="text-left font-normal">judge</th>
                <th scope="col" className="text-right font-normal">samples</th>
                <th scope="col" className="text-right font-normal">odd one out in 2:1</th>
                <th scope="col" className="text-right font-normal">agrees with experts</th>
              </tr>
            </thead>
            <tbody>
              {stats.judges.per_judge.map((row) => (
                <tr key={row.judge} className="border-t border-slate-100">
                  <td className="font-mono">{row.judge}</td>
                  <td className="text-right font-mono">
                    <Link href={samplesHref(dataset, { judge: row.judge })} className="hover:underline">
                      {row.n}
                    </Link>
                  </td>
                  <td className="text-right font-mono">
                    <Link href={samplesHref(dataset, { minorityJudge: row.judge })} className="hover:underline">
                      {row.minority_count}
                    </Link>{" "}
                    ({percent(row.minority_count, stats.routing.majority)})
                  </td>
                  <td className="text-right font-mono" title="The share of first expert decisions at the judge's level, over the samples both decided">
                    {row.accuracy_vs_expert === null ? "—" : unlessTooFew(decidedBoth(row.judge), `${percent(row.accuracy_vs_expert, 1)} (n ${decidedBoth(row.judge)})`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="flex flex-wrap gap-6 rounded border border-slate-200 bg-white p-3">
        {dashboard.judgeVsExpert.map(({ judge, matrix }) => (
          <ConfusionTable
            key={judge}
            matrix={matrix}
            caption={`${judge} vs experts`}
            rowLabel="expert"
            columnLabel="judge"
            hrefFor={(expertLevel, judgeLevel) => samplesHref(dataset, { judge, judgeJudgment: judgeLevel, expertJudgment: expertLevel })}
          />
        ))}
      </div>
    </section>
  );
}
