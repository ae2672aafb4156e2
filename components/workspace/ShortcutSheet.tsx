"use client";

import { useEffect, useRef } from "react";
import { RISK_RUBRIC } from "@/lib/domain/rubric";

export const SHORTCUTS: [string, string][] = [
  ["1 – 9", "side with that judge and submit"],
  ["c", "write a correction (level, analysis, span); text selected in the thinking first becomes its span, highlighted"],
  ["shift+1 – 9", "write a correction that starts from that judge's analysis"],
  ["Ctrl+Enter", "submit the correction"],
  ["s", "skip this sample, with a reason"],
  ["f", "flag this sample for discussion"],
  ["u", "undo the last decision"],
  ["v", "reveal the blurred image, or blur it again"],
  ["b", "blind mode: judges renamed and shown in an order of your own per sample, model and guard verdict hidden"],
  ["r", "show the risk rubric"],
  ["?", "show this sheet"],
  ["Esc", "close, or cancel the form"],
];

/** A modal sheet (shortcuts or rubric) that traps focus while open and gives it back on close. */
export function Sheet({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: React.ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-label={title} className="m-auto w-[36rem] max-w-[95vw] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      <div className="p-4">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="font-semibold">{title}</h2>
          <button type="button" onClick={onClose} className="min-h-[44px] rounded px-2 text-sm text-slate-700 hover:bg-slate-100">
            Close <kbd className="text-xs">Esc</kbd>
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}

export function ShortcutList() {
  return (
    <table className="w-full text-sm">
      <tbody>
        {SHORTCUTS.map(([keys, action]) => (
          <tr key={keys} className="border-t border-slate-100">
            <td className="w-28 py-1 pr-3 font-mono text-xs">
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5">{keys}</kbd>
            </td>
            <td className="py-1">{action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RubricList() {
  return (
    <dl className="space-y-3 text-sm">
      {RISK_RUBRIC.map((level) => (
        <div key={level.value}>
          <dt className="font-medium">
            <span className="font-mono">{level.value}</span> · {level.name}
          </dt>
          <dd className="text-slate-700">{level.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
