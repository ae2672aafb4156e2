"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { EXPORT_FORMATS, EXPORT_KINDS, BALANCES, exportOptionsSchema, FILE_FORMATS, MODALITIES, SFT_STYLES, type ExportOptions } from "@/lib/export/export-options";
import { CATEGORIES, IMAGE_CONDITIONS } from "@/lib/import/record-schema";
import type { ExportView } from "@/lib/services/exports/export-view";
import type { ExportPreview, LengthEstimate } from "@/lib/services/exports/preview-export";
import type { ExportProfileView } from "@/lib/services/exports/get-export-profile";
import { PromptHash } from "@/components/prelabels/PromptHash";
import { apiJson } from "@/components/app/api-client";
import { FormField } from "@/components/app/FormField";
import { ExportHistory } from "./ExportHistory";

/** The fields as the form names them, for its own error line. */
const FIELD_LABELS: Record<string, string> = { from: "From", to: "To", split: "Test share", maxLength: "Max tokens", dataset: "Dataset" };

type Form = { kind: string; format: string; dataset: string; category: string; imageCondition: string; from: string; to: string; split: string; pairs: string; includeExpertConfirmed: boolean; sftStyle: string; modality: string; balance: string; fileFormat: string; maxLength: string; overLength: string };

/** Pick what to export, see the counts, export in one click, follow the job, download from the history. */
export function ExportConsole({ datasets, initialHistory, profile }: { datasets: string[]; initialHistory: ExportView[]; profile: ExportProfileView }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({ kind: "ogdpo", format: "trl", dataset: "", category: "", imageCondition: "", from: "", to: "", split: "", pairs: "first", includeExpertConfirmed: false, sftStyle: "prompt-completion", modality: "mixed", balance: "none", fileFormat: "jsonl", maxLength: "8192", overLength: "keep" });
  const parsed = useMemo(() => exportOptionsSchema.safeParse(form), [form]);
  const options: ExportOptions | null = parsed.success ? parsed.data : null;
  const preview = useQuery({
    queryKey: ["export-preview", options],
    queryFn: () => apiJson<ExportPreview>("/api/v1/exports/preview", { method: "POST", body: JSON.stringify(options) }),
    enabled: options !== null,
  });
  const history = useQuery({
    queryKey: ["exports"],
    queryFn: async () => (await apiJson<{ items: ExportView[] }>("/api/v1/exports")).items,
    initialData: initialHistory,
    // Poll while anything is in flight, so progress moves and a reload finds the job where it is.
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === "queued" || item.status === "running") ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: () => apiJson<ExportView>("/api/v1/exports", { method: "POST", body: JSON.stringify(options) }),
    onSuccess: (created) => {
      queryClient.setQueryData<ExportView[]>(["exports"], (items) => [created, ...(items ?? [])]);
      void queryClient.invalidateQueries({ queryKey: ["exports"] });
    },
  });
  const set = (key: keyof Form) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((current) => ({ ...current, [key]: event.target.type === "checkbox" ? (event.target as HTMLInputElement).checked : event.target.value }));
  const fieldErrors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  const select = (key: keyof Form, values: readonly string[], any = true) => (
    <select id={`export-${key}`} value={String(form[key])} onChange={set(key)} className="mt-0.5 h-8 rounded border border-slate-300 bg-white px-1.5">
      {any && <option value="">any</option>}
      {values.map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </select>
  );

  return (
    <div className="space-y-4">
      <h1 className="text-base font-semibold">Export training data</h1>
      <form
        aria-label="Export"
        onSubmit={(event) => {
          event.preventDefault();
          if (options) start.mutate();
        }}
        className="space-y-3 rounded border border-slate-200 bg-white p-3"
      >
        <div className="flex flex-wrap items-end gap-3">
          <FormField label="Kind" id="export-kind">{select("kind", EXPORT_KINDS, false)}</FormField>
          <FormField label="Format" id="export-format">{select("format", EXPORT_FORMATS, false)}</FormField>
          <FormField label="Dataset" id="export-dataset">{select("dataset", datasets)}</FormField>
          <FormField label="Category" id="export-category">{select("category", CATEGORIES)}</FormField>
          <FormField label="Image" id="export-imageCondition">{select("imageCondition", IMAGE_CONDITIONS)}</FormField>
          <FormField label="From" id="export-from">
            <input id="export-from" type="date" value={form.from} onChange={set("from")} className="mt-0.5 h-8 rounded border border-slate-300 px-1.5" />
          </FormField>
          <FormField label="To (exclusive)" id="export-to">
            <input id="export-to" type="date" value={form.to} onChange={set("to")} aria-invalid={Boolean(fieldErrors.to)} className="mt-0.5 h-8 rounded border border-slate-300 px-1.5" />
          </FormField>
          <FormField label="Test share" id="export-split">
            <input id="export-split" inputMode="decimal" placeholder="none, or 0.1" value={form.split} onChange={set("split")} aria-invalid={Boolean(fieldErrors.split)} className="mt-0.5 h-8 w-28 rounded border border-slate-300 px-1.5" />
          </FormField>
          <FormField label="OGDPO pairs" id="export-pairs">{select("pairs", ["first", "all"], false)}</FormField>
          <FormField label="Modality" id="export-modality">{select("modality", MODALITIES, false)}</FormField>
          <FormField label="Balance labels" id="export-balance">{select("balance", BALANCES, false)}</FormField>
          <FormField label="Data files" id="export-fileFormat">{select("fileFormat", FILE_FORMATS, false)}</FormField>
          <FormField label="Max tokens" id="export-maxLength">
            <input id="export-maxLength" type="number" min={256} value={form.maxLength} onChange={set("maxLength")} className="mt-0.5 h-8 w-28 rounded border border-slate-300 px-1.5" />
          </FormField>
          <FormField label="Longer rows" id="export-overLength">{select("overLength", ["keep", "drop"], false)}</FormField>
          {form.format === "trl" && (
            <FormField label="TRL SFT rows" id="export-sftStyle">{select("sftStyle", SFT_STYLES, false)}</FormField>
          )}
          <label className="flex h-8 items-center gap-1.5 text-xs">
            <input type="checkbox" checked={form.includeExpertConfirmed} onChange={set("includeExpertConfirmed")} />
            SFT: add expert-decided samples
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <p aria-live="polite" data-testid="export-preview">
            {!options
              ? `Fix: ${Object.entries(fieldErrors).map(([field, message]) => `${FIELD_LABELS[field] ?? field} ${message}`).join("; ")}`
              : preview.data
                ? previewText(preview.data)
                : "Counting…"}
          </p>
          {options && preview.data && <p className="text-xs text-slate-700" data-testid="export-lengths">{lengthsText(preview.data.lengths, options.maxLength)}</p>}
          <button type="submit" disabled={!options || start.isPending} className="ml-auto rounded bg-slate-900 px-4 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
            {start.isPending ? "Starting…" : "Export"}
          </button>
        </div>
        <p className="text-xs text-slate-700" data-testid="export-profile">
          {"error" in profile ? (
            <span className="text-rose-700">Exports will fail: {profile.error}</span>
          ) : (
            <>
              Rows are written with the guard profile <span className="font-medium">{profile.name}</span>
              {profile.builtIn ? " (built in)" : " (GUARD_PROFILE_FILE)"}, prompt <PromptHash sha256={profile.systemPromptSha256} />.
            </>
          )}
        </p>
        <p role="alert" className="min-h-5 text-sm text-rose-700">
          {start.isError ? start.error.message : ""}
        </p>
      </form>
      <ExportHistory items={history.data} />
    </div>
  );
}

/** The row lengths before the click, in Qwen2.5 tokens, against the chosen maximum. */
function lengthsText(lengths: LengthEstimate, maxLength: number): string {
  const pending = lengths.uncounted > 0 ? `${lengths.uncounted} not counted yet (the worker counts new samples within a minute)` : "";
  if (lengths.max === null) return `Lengths: ${pending || "no rows"}.`;
  const over = lengths.overMaxLength > 0 ? `${lengths.overMaxLength} over ${maxLength}` : `all within ${maxLength}`;
  return `Lengths (estimate, tokens): median ${lengths.p50} · p95 ${lengths.p95} · max ${lengths.max}; ${over}${pending ? `; ${pending}` : ""}.`;
}

const UNITS = { sft: "rows", dpo: "pairs", ogdpo: "pairs" } as const;

/** "SFT 120 rows · DPO 40 pairs · OGDPO 55 pairs from 30 samples": what each kind writes, and from how many samples when that differs. */
function previewText(preview: ExportPreview): string {
  return (["sft", "dpo", "ogdpo"] as const)
    .filter((kind) => preview.rows[kind] !== null)
    .map((kind) => `${kind.toUpperCase()} ${preview.rows[kind]} ${UNITS[kind]}${preview.rows[kind] !== preview.counts[kind] ? ` from ${preview.counts[kind]} samples` : ""}`)
    .join(" · ");
}
