"use client";

import { useEffect, useRef } from "react";

type Props = { question: string | null; confirmLabel: string; onConfirm: () => void; onCancel: () => void };

/**
 * Asks before a change that is hard to take back (a role, a disabled account). A modal dialog: focus
 * moves to Cancel, the safe answer; Escape cancels; focus returns to what opened it.
 */
export function ConfirmDialog({ question, confirmLabel, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (question !== null && !dialog.current?.open) {
      dialog.current?.showModal();
      cancel.current?.focus();
    }
    if (question === null && dialog.current?.open) dialog.current.close();
  }, [question]);
  return (
    <dialog ref={dialog} onClose={onCancel} aria-label="Confirm" className="m-auto w-[28rem] max-w-[95vw] rounded-lg p-4 shadow-xl backdrop:bg-slate-900/40">
      <p className="text-sm">{question}</p>
      <div className="mt-4 flex justify-end gap-2">
        <button ref={cancel} type="button" onClick={onCancel} className="min-h-[44px] rounded border border-slate-300 px-3 text-sm hover:bg-slate-50 sm:min-h-8">
          Cancel
        </button>
        <button type="button" onClick={onConfirm} className="min-h-[44px] rounded bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700 sm:min-h-8">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
