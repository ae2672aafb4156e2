import Link from "next/link";
import type { Confusion } from "@/lib/stats/cohen";

const LEVELS = ["0", "0.5", "1"];

/** A 3×3 confusion matrix; rows are the reference (truth), columns the rater being checked. */
type Props = {
  matrix: Confusion;
  rowLabel: string;
  columnLabel: string;
  caption: string;
  /** Where a cell's count links: the samples behind it. */
  hrefFor?: (rowLevel: string, columnLevel: string) => string;
};

export function ConfusionTable({ matrix, rowLabel, columnLabel, caption, hrefFor }: Props) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <table className="text-xs">
      <caption className="mb-1 text-left font-medium">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="px-1 text-left font-normal text-slate-500">
            {rowLabel} ↓ {columnLabel} →
          </th>
          {LEVELS.map((level) => (
            <th key={level} scope="col" className="w-12 px-1 text-right font-mono font-normal text-slate-500">
              {level}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, truth) => (
          <tr key={LEVELS[truth]}>
            <th scope="row" className="px-1 text-right font-mono font-normal text-slate-500">
              {LEVELS[truth]}
            </th>
            {row.map((count, predicted) => (
              <td
                key={predicted}
                className={`px-1 py-0.5 text-right font-mono ${truth === predicted ? "font-semibold" : ""}`}
                style={{ backgroundColor: `rgba(2, 132, 199, ${(0.35 * count) / max})` }}
              >
                {hrefFor && count > 0 ? (
                  <Link href={hrefFor(LEVELS[truth]!, LEVELS[predicted]!)} className="hover:underline">
                    {count}
                  </Link>
                ) : (
                  count
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
