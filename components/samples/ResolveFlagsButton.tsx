"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import { formProblems } from "@/components/app/form-problems";
import { resolveFlagsInputSchema } from "@/lib/services/discussion/comment.schema";

/** Resolves a sample's open flags with a note of what the discussion decided, which joins the thread. */
export function ResolveFlagsButton({ sampleId }: { sampleId: number }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const resolve = useMutation({
    mutationFn: () => apiJson(`/api/v1/samples/${sampleId}/flag/resolve`, { method: "POST", body: JSON.stringify({ note }) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["comments", sampleId] });
      router.refresh();
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = formProblems(resolveFlagsInputSchema, { note }, { note: "Resolution" });
    setProblem(found);
    if (!found) resolve.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Resolve the flag">
      <label className="flex min-w-0 flex-1 flex-col text-[11px] font-medium uppercase tracking-wide text-slate-600">
        Resolution
        <input value={note} onChange={(event) => setNote(event.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm normal-case tracking-normal text-slate-900" />
      </label>
      <button type="submit" disabled={resolve.isPending} className="rounded border border-slate-300 bg-white px-3 py-1 text-xs hover:bg-slate-50 disabled:opacity-60">
        Resolve flag and return to the queue
      </button>
      <span role="status" aria-live="polite" className="text-xs text-rose-700">
        {problem ?? (resolve.isError ? resolve.error.message : "")}
      </span>
    </form>
  );
}
