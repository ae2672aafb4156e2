import { RISK_LABELS, type RiskValue } from "@/lib/domain/risk";

const STYLES: Record<RiskValue, string> = {
  0: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  0.5: "bg-amber-50 text-amber-900 ring-amber-300",
  1: "bg-rose-50 text-rose-800 ring-rose-200",
};

export function RiskBadge({ value, compact = false }: { value: RiskValue | null; compact?: boolean }) {
  if (value === null) return <span className="text-xs text-slate-600">—</span>;
  return (
    <span
      title={RISK_LABELS[value]}
      className={`inline-flex items-center rounded px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset ${STYLES[value]}`}
    >
      {value}
      {!compact && <span className="ml-1 font-sans">{RISK_LABELS[value]}</span>}
    </span>
  );
}
