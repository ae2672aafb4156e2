"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiJson } from "@/components/app/api-client";

/** "Sign out everywhere": ends every session of the account, this browser's too, then goes to sign-in. */
export function SessionsPanel({ active }: { active: number }) {
  const router = useRouter();
  const endAll = useMutation({
    mutationFn: () => apiJson<{ ended: number }>("/api/v1/account/sessions", { method: "DELETE" }),
    onSuccess: () => router.replace("/signin"),
  });
  return (
    <section aria-labelledby="sessions-heading" className="space-y-2">
      <h2 id="sessions-heading" className="text-sm font-semibold">
        Sessions
      </h2>
      <p className="text-sm text-slate-600">
        {active === 1 ? "This is your only active session." : `You have ${active} active sessions, this one included.`} Changing your password ends the others.
      </p>
      <button type="button" onClick={() => endAll.mutate()} disabled={endAll.isPending} className="h-8 rounded border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60">
        Sign out everywhere
      </button>
      <p role="status" aria-live="polite" className="text-sm text-rose-700">
        {endAll.isError ? endAll.error.message : ""}
      </p>
    </section>
  );
}
