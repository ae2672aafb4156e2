"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import { FormField } from "@/components/app/FormField";
import { formProblems } from "@/components/app/form-problems";
import { assignInputSchema } from "@/lib/services/quality/assignment.schema";
import type { SampleFilters } from "@/lib/services/samples/sample-filters";

type Props = { filters: Omit<SampleFilters, "cursor" | "limit">; experts: string[]; matching: number };

/**
 * An admin sends the waiting samples the list's filters match to one expert: they come first in that
 * expert's queue and stay hidden from the others for the days given (docs/quality-control.md).
 */
export function AssignForm({ filters, experts, matching }: Props) {
  const [expert, setExpert] = useState(experts[0] ?? "");
  const [days, setDays] = useState("7");
  const [problem, setProblem] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: (body: unknown) => apiJson<{ assigned: number; matched: number; expert: string; days: number }>("/api/v1/assignments", { method: "POST", body: JSON.stringify(body) }),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = { expert, filters, days: Number(days) };
    const found = formProblems(assignInputSchema, body, { expert: "Expert", days: "Days" });
    setProblem(found);
    if (!found) assign.mutate(body);
  };
  return (
    <details className="rounded border border-slate-200 bg-white px-3 py-2 text-sm">
      <summary className="cursor-pointer text-xs font-medium text-slate-700">Assign the {matching} matching samples to an expert</summary>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-3" aria-label="Assign samples">
        <FormField label="Expert" id="assign-expert">
          <select id="assign-expert" value={expert} onChange={(event) => setExpert(event.target.value)} className="rounded border border-slate-300 px-2 py-1">
            {experts.map((email) => (
              <option key={email} value={email}>
                {email}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Days" id="assign-days" hint="Hidden from the others until then.">
          <input id="assign-days" aria-describedby="assign-days-hint" type="number" min={1} max={90} value={days} onChange={(event) => setDays(event.target.value)} className="w-20 rounded border border-slate-300 px-2 py-1" />
        </FormField>
        <button type="submit" disabled={assign.isPending || experts.length === 0} className="rounded bg-slate-900 px-3 py-1 text-xs text-white hover:bg-slate-700 disabled:opacity-60">
          Assign
        </button>
        <p role="status" aria-live="polite" className={`text-xs ${assign.isError || problem ? "text-rose-700" : "text-slate-700"}`}>
          {problem ??
            (assign.isError
              ? assign.error.message
              : assign.data
                ? `Assigned ${assign.data.assigned} of ${assign.data.matched} waiting samples to ${assign.data.expert} for ${assign.data.days} days.`
                : "Only samples still waiting in the queue are assigned.")}
        </p>
      </form>
    </details>
  );
}
