import type { ReactNode } from "react";

const TONES = {
  warning: "border-amber-300 bg-amber-50 text-slate-900",
  error: "border-rose-200 bg-rose-50 text-rose-800",
} as const;

/** A page's one-line notice in place of its content: a role that may not use it, an address it cannot read. */
export function PageNotice({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <p role="alert" className={`rounded border p-3 text-sm ${TONES[tone]}`}>
      {children}
    </p>
  );
}
