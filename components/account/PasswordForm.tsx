"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import { formProblems } from "@/components/app/form-problems";
import { changePasswordSchema } from "@/lib/services/users/user.schema";

export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => apiJson("/api/v1/account/password", { method: "POST", body: JSON.stringify({ current, next }) }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
    },
  });
  return (
    <form
      aria-label="Change password"
      onSubmit={(event) => {
        event.preventDefault();
        const found = formProblems(changePasswordSchema, { current, next }, { current: "current password", next: "new password" });
        setProblem(found);
        if (!found) change.mutate();
      }}
      className="space-y-2"
    >
      <h2 className="text-sm font-semibold">Password</h2>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col">
          <label htmlFor="current-password" className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
            Current password
          </label>
          <input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} className="mt-0.5 h-8 rounded border border-slate-300 px-2" />
        </div>
        <div className="flex flex-col">
          <label htmlFor="new-password" className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
            New password (10+ characters)
          </label>
          <input id="new-password" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} className="mt-0.5 h-8 rounded border border-slate-300 px-2" />
        </div>
        <button type="submit" disabled={change.isPending} className="h-8 rounded bg-slate-900 px-3 text-sm font-medium text-white disabled:opacity-60">
          Change password
        </button>
      </div>
      <p role="status" aria-live="polite" className={`text-sm ${problem || change.isError ? "text-rose-700" : "text-emerald-800"}`}>
        {problem ?? (change.isError ? change.error.message : change.isSuccess ? "Password changed." : "")}
      </p>
    </form>
  );
}
