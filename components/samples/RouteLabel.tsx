const STYLES: Record<string, string> = {
  unanimous: "text-slate-600",
  majority: "text-sky-800",
  no_majority: "text-fuchsia-800 font-medium",
  reference: "text-emerald-800",
};

const LABELS: Record<string, string> = { unanimous: "3:0 unanimous", majority: "2:1 majority", no_majority: "no majority", reference: "reference label" };

export function RouteLabel({ route }: { route: string }) {
  return <span className={`whitespace-nowrap text-xs ${STYLES[route] ?? ""}`}>{LABELS[route] ?? route}</span>;
}
