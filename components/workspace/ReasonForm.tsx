"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { TAP_TARGET } from "./tap-target";

/** A one-line reason (for a skip or a flag), sent with Enter and cancelled with Escape. */
export function ReasonForm({ label, action, pending, onSubmit, onCancel }: { label: string; action: string; pending: boolean; onSubmit: (text: string) => void; onCancel: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => input.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = input.current?.value.trim() ?? "";
    if (!text) {
      setError("Write a few words first.");
      return;
    }
    onSubmit(text);
  }

  return (
    <form aria-label={action} onSubmit={submit} className="flex items-end gap-2 rounded border border-amber-300 bg-amber-50/50 p-3">
      <div className="flex-1">
        <label htmlFor={`reason-${action}`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {label}
        </label>
        <input
          id={`reason-${action}`}
          ref={input}
          aria-invalid={Boolean(error)}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              onCancel();
            }
          }}
          className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        />
        {error && <p className="text-xs text-rose-700">{error}</p>}
      </div>
      <button type="submit" disabled={pending} className={`${TAP_TARGET} rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white disabled:opacity-60`}>
        {action}
      </button>
    </form>
  );
}
