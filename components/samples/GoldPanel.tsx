"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import { FormField } from "@/components/app/FormField";
import { formProblems } from "@/components/app/form-problems";
import { RISK_LABELS, RISK_VALUES, type RiskValue } from "@/lib/domain/risk";
import { goldInputSchema } from "@/lib/services/quality/quality.schema";
import type { SampleDetail } from "@/lib/services/samples/get-sample";
import { RiskBadge } from "./RiskBadge";

type Props = { sampleId: number; gold: SampleDetail["gold"]; canPromote: boolean };

/**
 * A gold sample's known answer, for the readers allowed to see it; for an admin, the form that makes an
 * adjudicated sample gold, or changes a gold sample's answer (docs/quality-control.md).
 */
export function GoldPanel({ sampleId, gold, canPromote }: Props) {
  const router = useRouter();
  const [judgment, setJudgment] = useState<RiskValue>(gold?.judgment ?? 1);
  const [explanation, setExplanation] = useState(gold?.explanation ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const promote = useMutation({
    mutationFn: (body: unknown) => apiJson(`/api/v1/samples/${sampleId}/gold`, { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => router.refresh(),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = { judgment, ...(explanation.trim() ? { explanation } : {}) };
    const found = formProblems(goldInputSchema, body, { judgment: "Answer", explanation: "Explanation" });
    setProblem(found);
    if (!found) promote.mutate(body);
  };
  return (
    <div className="space-y-2 text-sm">
      {gold ? (
        <div className="rounded border border-amber-200 bg-amber-50/50 p-3" data-testid="gold-answer">
          <p className="flex items-center gap-2">
            Gold, answer <RiskBadge value={gold.judgment} />
            <span className="text-xs text-slate-600">{gold.origin === "reference" ? "from the imported reference label" : "set by an admin"}</span>
          </p>
          {gold.explanation && <p className="mt-1 whitespace-pre-wrap text-slate-800">{gold.explanation}</p>}
        </div>
      ) : (
        <p className="text-slate-600">Not gold.</p>
      )}
      {canPromote && (
        <form onSubmit={submit} className="space-y-2" aria-label={gold ? "Change the gold answer" : "Make this sample gold"}>
          <FormField label="Answer" id="gold-judgment">
            <select id="gold-judgment" value={judgment} onChange={(event) => setJudgment(Number(event.target.value) as RiskValue)} className="rounded border border-slate-300 px-2 py-1">
              {RISK_VALUES.map((value) => (
                <option key={value} value={value}>
                  {value} · {RISK_LABELS[value]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Explanation" id="gold-explanation" hint="Shown to a calibrating expert after they answer.">
            <textarea id="gold-explanation" aria-describedby="gold-explanation-hint" value={explanation} onChange={(event) => setExplanation(event.target.value)} rows={3} className="rounded border border-slate-300 px-2 py-1" />
          </FormField>
          <button type="submit" disabled={promote.isPending} className="rounded bg-slate-900 px-3 py-1 text-xs text-white hover:bg-slate-700 disabled:opacity-60">
            {gold ? "Save the gold answer" : "Make gold"}
          </button>
          <p role="status" aria-live="polite" className="text-xs text-rose-700">
            {problem ?? (promote.isError ? promote.error.message : "")}
          </p>
        </form>
      )}
    </div>
  );
}
