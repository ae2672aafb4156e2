"use client";

import { useEffect, useId, useRef, useState } from "react";
import { TOO_FEW } from "./format";

/**
 * What a figure means: its definition, the items it rests on, and what its value says in plain words. A
 * column of figures leaves `n` out: each row's own n is beside its figure.
 */
export type FigureExplanation = { definition: string; n?: number; reading?: string };

/**
 * A figure's explanation behind a small button beside its label: opened by a click or Enter, closed by
 * Escape, a second press or a click elsewhere, and announced when it opens.
 */
export function FigureInfo({ label, definition, n, reading }: FigureExplanation & { label: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    const onPointer = (event: PointerEvent) => !box.current?.contains(event.target as Node) && setOpen(false);
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);
  return (
    <span ref={box} className="relative inline-block">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`About ${label}`}
        onClick={() => setOpen((value) => !value)}
        className="ml-1 inline-flex h-4 w-4 items-center justify-center rounded-full border border-slate-400 text-[10px] font-semibold text-slate-700 hover:bg-slate-100"
      >
        ?
      </button>
      <span id={id} role="status" className={open ? "absolute left-0 top-5 z-30 block w-72 rounded border border-slate-300 bg-white p-2 text-left text-xs font-normal normal-case tracking-normal text-slate-800 shadow-lg" : "sr-only"}>
        {open && (
          <>
            <span className="block">{definition}</span>
            {n === undefined ? (
              <span className="mt-1 block">Each row rests on its own n; below {TOO_FEW} its figure reads &quot;too few&quot;.</span>
            ) : (
              <span className="mt-1 block">
                Rests on <strong>{n}</strong> {n === 1 ? "item" : "items"}
                {n < TOO_FEW ? `: fewer than ${TOO_FEW}, so it is shown as "too few".` : "."}
              </span>
            )}
            {reading && (n === undefined || n >= TOO_FEW) && <span className="mt-1 block">Reading: {reading}.</span>}
          </>
        )}
      </span>
    </span>
  );
}
