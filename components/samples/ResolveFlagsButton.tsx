"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiJson } from "@/components/app/api-client";

export function ResolveFlagsButton({ sampleId }: { sampleId: number }) {
  const router = useRouter();
  const resolve = useMutation({
    mutationFn: () => apiJson(`/api/v1/samples/${sampleId}/flag/resolve`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex items-center gap-2">
      <button type="button" onClick={() => resolve.mutate()} disabled={resolve.isPending} className="rounded border border-slate-300 bg-white px-3 py-1 text-xs hover:bg-slate-50 disabled:opacity-60">
        Resolve flag and return to the queue
      </button>
      <span role="status" aria-live="polite" className="text-xs text-rose-700">
        {resolve.isError ? resolve.error.message : ""}
      </span>
    </div>
  );
}
