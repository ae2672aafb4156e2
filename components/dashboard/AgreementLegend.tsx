import { agreementColour, TOO_FEW } from "./format";

const STOPS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** The key to the κ heatmap: its colour scale, with the Landis–Koch band edges marked, and what blank cells mean. */
export function AgreementLegend() {
  return (
    <figure className="mt-2 text-[11px] text-slate-700" aria-label="Heatmap legend">
      <div className="flex items-center gap-1">
        <span>κ</span>
        {STOPS.map((stop) => (
          <span key={stop} className="flex flex-col items-center">
            <span className="block h-3 w-8 rounded-sm border border-slate-200" style={{ backgroundColor: agreementColour(stop) }} aria-hidden="true" />
            <span className="font-mono">{stop.toFixed(1)}</span>
          </span>
        ))}
      </div>
      <figcaption className="mt-1">
        Red to green from κ ≤ 0 to 1; the steps are the Landis–Koch band edges (a convention: slight, fair, moderate, substantial, almost perfect). A cell on fewer than {TOO_FEW} shared samples reads
        &quot;too few&quot; and is left white.
      </figcaption>
    </figure>
  );
}
