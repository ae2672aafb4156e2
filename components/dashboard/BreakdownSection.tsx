"use client";

import Link from "next/link";
import { useState } from "react";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type Dashboard } from "@/lib/stats/dashboard-types";
import { readAlpha } from "@/lib/stats/readings";
import { AgreementLegend } from "./AgreementLegend";
import { FigureInfo } from "./FigureInfo";
import { agreementColour, figure, percent, samplesHref, TOO_FEW, unlessTooFew } from "./format";
import { DataTable } from "@/components/app/DataTable";

const LABELS: Record<BreakdownDimension, string> = { category: "Category", image_condition: "Image condition", attack: "Attack", model: "Source model" };
const FILTER: Record<BreakdownDimension, string> = { category: "category", image_condition: "imageCondition", attack: "attack", model: "model" };

/** Where agreement collapses: each slice with its routing and α, weakest first. */
export function BreakdownSection({ dashboard }: { dashboard: Dashboard }) {
  const [dimension, setDimension] = useState<BreakdownDimension>("category");
  const rows = dashboard.breakdowns[dimension];
  return (
    <section aria-labelledby="breakdowns" className="space-y-2">
      <div className="flex items-center gap-3">
        <h2 id="breakdowns" className="text-sm font-semibold">Breakdowns</h2>
        <div role="tablist" aria-label="Break down by" className="flex gap-1 text-xs">
          {BREAKDOWN_DIMENSIONS.map((key) => (
            <button
              key={key}
              role="tab"
              type="button"
              aria-selected={dimension === key}
              onClick={() => setDimension(key)}
              className="rounded border border-slate-300 px-2 py-0.5 aria-selected:bg-slate-900 aria-selected:text-white"
            >
              {LABELS[key]}
            </button>
          ))}
        </div>
      </div>
      <DataTable
        columns={[
          { label: LABELS[dimension] },
          ...["samples", "3:0", "2:1", "no majority"].map((label) => ({ label, numeric: true })),
          ...(
            [
              ["α ordinal", "Krippendorff's α with the ordinal distance over this group's samples: 1 is perfect agreement, 0 is chance."],
              ["α nominal", "Krippendorff's α with levels as categories, over this group's samples."],
              ["Fleiss κ", "Fleiss' κ over this group's samples: agreement beyond chance, levels as categories."],
            ] as const
          ).map(([label, definition]) => ({
            label: (
              <>
                {label}
                <FigureInfo label={label} definition={definition} />
              </>
            ),
            numeric: true,
          })),
        ]}
        role="tabpanel"
        aria-label={`By ${LABELS[dimension]}`}
      >
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-100">
              <td className="px-2 py-1 font-mono">{row.key}</td>
              <td className="px-2 text-right font-mono">
                <Link href={samplesHref(dashboard.dataset, { [FILTER[dimension]]: row.key })} className="hover:underline">
                  {row.samples}
                </Link>
              </td>
              <td className="px-2 text-right font-mono">{percent(row.routing.unanimous, row.samples)}</td>
              <td className="px-2 text-right font-mono">{percent(row.routing.majority, row.samples)}</td>
              <td className="px-2 text-right font-mono">
                <Link href={samplesHref(dashboard.dataset, { [FILTER[dimension]]: row.key, route: "no_majority" })} className="hover:underline">
                  {row.routing.no_majority}
                </Link>
              </td>
              <td
                className="px-2 text-right font-mono"
                style={{ backgroundColor: row.samples >= TOO_FEW ? agreementColour(row.alphaOrdinal) : "transparent" }}
                title={row.samples >= TOO_FEW ? readAlpha(row.alphaOrdinal) : undefined}
              >
                {unlessTooFew(row.samples, figure(row.alphaOrdinal))}
              </td>
              <td className="px-2 text-right font-mono">{unlessTooFew(row.samples, figure(row.alphaNominal))}</td>
              <td className="px-2 text-right font-mono">{unlessTooFew(row.samples, figure(row.fleissKappa))}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="px-2 py-3 text-center text-slate-500">
                No samples carry this field.
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
      <AgreementLegend />
    </section>
  );
}
