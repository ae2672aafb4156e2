import type { ReactNode } from "react";

/**
 * One titled part of a sample; `titleHidden` keeps the title for screen readers only (the workspace, where
 * space is short). `idSuffix` tells apart two renderings of one part on a page (one per layout).
 */
export function SampleSection({ title, titleHidden = false, idSuffix = "", children }: { title: string; titleHidden?: boolean; idSuffix?: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}${idSuffix}`;
  return (
    <section aria-labelledby={id} className="space-y-1.5">
      <h2 id={id} className={titleHidden ? "sr-only" : "text-[11px] font-semibold uppercase tracking-wide text-slate-500"}>
        {title}
      </h2>
      {children}
    </section>
  );
}
