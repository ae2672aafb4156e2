"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiJson } from "@/components/app/api-client";
import { FormField } from "@/components/app/FormField";
import { IMPORT_LAYOUTS, RECORD_FIELDS, SETTABLE_FIELDS } from "@/lib/import/import-layout-schema";
import { importRequestSchema, type ImportRequestInput } from "@/lib/services/import/import-request";
import type { ImportRunView } from "@/lib/services/import/list-imports";
import type { PreviewRecord } from "@/lib/services/import/preview-import";
import { ImportHistory } from "./ImportHistory";
import { uploadFile, type UploadedFile } from "./upload-file";

type Form = { from: "upload" | "path"; path: string; dataset: string; layout: string; source: string; map: string; set: string; imageDir: string; skipInvalid: boolean };

const LAYOUT_HELP: Record<string, string> = {
  native: "Our format (JSONL, JSON array or Parquet with our field names); --map renames theirs.",
  guardtrace: "The GuardTrace-VL release: response is the answer, image_name an image file, evaluation_result the reference label; id, category and image condition are filled.",
};
const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);
const inputClass = "mt-0.5 h-8 rounded border border-slate-300 bg-white px-2";

/**
 * Import a file as the CLI does: upload it (or name it under the server's import folder), pick the
 * layout and mapping, preview the first records as they will be read, then follow the worker's progress
 * and read the reasons for any rejected record.
 */
export function ImportConsole({ initialHistory, importDir }: { initialHistory: ImportRunView[]; importDir: string | null }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<{ file: File; result: UploadedFile } | null>(null);
  const [uploadProgress, setUploadProgress] = useState<number | null>(null);
  const [form, setForm] = useState<Form>({ from: "upload", path: "", dataset: "", layout: "native", source: "", map: "", set: "", imageDir: "", skipInvalid: false });
  const [preview, setPreview] = useState<{ format: string; records: PreviewRecord[] } | null>(null);
  const [status, setStatus] = useState<string>("");

  const history = useQuery({
    queryKey: ["imports"],
    queryFn: async () => (await apiJson<{ items: ImportRunView[] }>("/api/v1/imports")).items,
    initialData: initialHistory,
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === "queued" || run.status === "running") ? 1000 : false),
  });

  const body = (upload: string | undefined): ImportRequestInput => ({
    ...(form.from === "upload" ? { upload } : { path: form.path }),
    dataset: form.dataset,
    layout: form.layout as ImportRequestInput["layout"],
    map: lines(form.map),
    set: lines(form.set),
    ...(form.source.trim() ? { source: form.source.trim() } : {}),
    ...(form.imageDir.trim() ? { imageDir: form.imageDir.trim() } : {}),
    skipInvalid: form.skipInvalid,
  });
  // The same schema as the server's, checked before anything is sent (a stand-in for the upload's id).
  const check = importRequestSchema.safeParse(body(form.from === "upload" ? "00000000-0000-4000-8000-000000000000" : undefined));
  const problems = check.success ? [] : check.error.issues.map((issue) => `${issue.path.join(".") || "form"}: ${issue.message}`);

  /** Uploads the chosen file once; a second preview or the import reuses it. */
  const ensureUpload = async (): Promise<string | undefined> => {
    if (form.from !== "upload") return undefined;
    if (!file) throw new ApiError("invalid", 422, "Choose a file to upload.");
    if (uploaded?.file === file) return uploaded.result.upload;
    setUploadProgress(0);
    try {
      const result = await uploadFile(file, setUploadProgress);
      setUploaded({ file, result });
      return result.upload;
    } finally {
      setUploadProgress(null);
    }
  };

  const runPreview = useMutation({
    mutationFn: async () => {
      const upload = await ensureUpload();
      return apiJson<{ format: string; records: PreviewRecord[] }>("/api/v1/imports/preview", { method: "POST", body: JSON.stringify(body(upload)) });
    },
    onSuccess: (result) => {
      setPreview(result);
      setStatus(`Preview of the first ${result.records.length} record(s) of a ${result.format} file.`);
    },
  });
  const start = useMutation({
    mutationFn: async () => {
      const upload = await ensureUpload();
      return apiJson<{ id: string }>("/api/v1/imports", { method: "POST", body: JSON.stringify(body(upload)) });
    },
    onSuccess: () => {
      // The worker removes an upload once its import has run: the next import uploads the file again.
      setUploaded(null);
      setStatus("Import queued; the worker streams it, and its progress shows below.");
      void queryClient.invalidateQueries({ queryKey: ["imports"] });
    },
  });
  const set = (key: keyof Form) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setForm((current) => ({ ...current, [key]: event.target.type === "checkbox" ? (event.target as HTMLInputElement).checked : event.target.value }));
  const error = runPreview.error ?? start.error;
  const busy = runPreview.isPending || start.isPending;

  return (
    <div className="space-y-6">
      <form
        aria-labelledby="import-title"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate();
        }}
      >
        <h1 id="import-title" className="text-base font-semibold">Import samples</h1>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">Where the file is</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="from" value="upload" checked={form.from === "upload"} onChange={set("from")} /> Upload a file
          </label>
          <label className={`flex items-center gap-1.5 ${importDir ? "" : "text-slate-500"}`}>
            <input type="radio" name="from" value="path" checked={form.from === "path"} onChange={set("from")} disabled={!importDir} /> A file on the server
            {!importDir && <span className="text-xs">(set GTS_IMPORT_DIR to allow)</span>}
          </label>
        </fieldset>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          {form.from === "upload" ? (
            <FormField label="File (JSONL, JSON array or Parquet)" id="import-file">
              <input
                id="import-file"
                type="file"
                accept=".jsonl,.ndjson,.json,.parquet"
                className="mt-0.5 text-sm"
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  setFile(chosen);
                  setPreview(null);
                  if (chosen && !form.dataset) setForm((current) => ({ ...current, dataset: chosen.name.replace(/\.(jsonl?|ndjson|parquet)$/i, "") }));
                }}
              />
            </FormField>
          ) : (
            <FormField label="Path" id="import-path" hint={`relative to ${importDir}`}>
              <input id="import-path" aria-describedby="import-path-hint" value={form.path} onChange={set("path")} className={inputClass} placeholder="seval/S-Eval_600.json" />
            </FormField>
          )}
          <FormField label="Dataset" id="import-dataset">
            <input id="import-dataset" value={form.dataset} onChange={set("dataset")} className={inputClass} required />
          </FormField>
          <FormField label="Layout" id="import-layout" hint={LAYOUT_HELP[form.layout]}>
            <select id="import-layout" aria-describedby="import-layout-hint" value={form.layout} onChange={set("layout")} className={inputClass}>
              {IMPORT_LAYOUTS.map((layout) => (
                <option key={layout} value={layout}>{layout}</option>
              ))}
            </select>
          </FormField>
          <FormField label="Source (benchmark)" id="import-source" hint="fills source for records that have none, e.g. S-Eval-VL">
            <input id="import-source" aria-describedby="import-source-hint" value={form.source} onChange={set("source")} className={inputClass} />
          </FormField>
          <FormField label="Image folder" id="import-image-dir" hint={importDir ? `where image names resolve, relative to ${importDir}` : "uploads use embedded images; set GTS_IMPORT_DIR for image folders"}>
            <input id="import-image-dir" aria-describedby="import-image-dir-hint" value={form.imageDir} onChange={set("imageDir")} className={inputClass} disabled={!importDir} />
          </FormField>
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={form.skipInvalid} onChange={set("skipInvalid")} /> Import the valid records and set the rest aside
          </label>
          <FormField label="Map fields (ours=theirs, one per line)" id="import-map" hint={`ours: ${RECORD_FIELDS.join(", ")}`}>
            <textarea id="import-map" aria-describedby="import-map-hint" value={form.map} onChange={set("map")} rows={3} className="mt-0.5 rounded border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="answer=response" />
          </FormField>
          <FormField label="Fill fields (field=value, one per line)" id="import-set" hint={`fields: ${SETTABLE_FIELDS.join(", ")}`}>
            <textarea id="import-set" aria-describedby="import-set-hint" value={form.set} onChange={set("set")} rows={3} className="mt-0.5 rounded border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="category=health" />
          </FormField>
        </div>
        {problems.length > 0 && (
          <ul className="text-xs text-amber-900" aria-label="Problems with the form">
            {problems.map((problem) => <li key={problem}>{problem}</li>)}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" disabled={busy || !check.success || (form.from === "upload" && !file)} onClick={() => runPreview.mutate()} className="h-8 rounded border border-slate-300 px-3 text-sm disabled:opacity-50">
            Preview
          </button>
          <button type="submit" disabled={busy || !check.success || (form.from === "upload" && !file)} className="h-8 rounded bg-slate-900 px-3 text-sm text-white disabled:opacity-50">
            Import
          </button>
          {uploadProgress !== null && (
            <span className="flex items-center gap-2 text-xs">
              Uploading
              <span role="progressbar" aria-label="Upload" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(uploadProgress * 100)} className="inline-block h-1.5 w-32 overflow-hidden rounded bg-slate-200">
                <span className="block h-full bg-sky-600" style={{ width: `${Math.round(uploadProgress * 100)}%` }} />
              </span>
            </span>
          )}
          <p role="status" aria-live="polite" className="text-xs text-slate-700">
            {error ? <span className="text-rose-800">{error.message}</span> : status}
          </p>
        </div>
      </form>

      {preview && <PreviewTable preview={preview} />}
      <ImportHistory runs={history.data} />
    </div>
  );
}

function PreviewTable({ preview }: { preview: { format: string; records: PreviewRecord[] } }) {
  const noun = preview.format === "jsonl" ? "Line" : "Record";
  return (
    <section aria-labelledby="import-preview" className="space-y-2">
      <h2 id="import-preview" className="text-sm font-semibold">Preview: the first records as they will be read</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-left text-xs">
          <thead className="border-b border-slate-200 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{noun}</th>
              <th scope="col" className="px-3 py-2">Id</th>
              <th scope="col" className="px-3 py-2">Question</th>
              <th scope="col" className="px-3 py-2">Image</th>
              <th scope="col" className="px-3 py-2">Judges / reference</th>
              <th scope="col" className="px-3 py-2">Check</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.records.map((record) => {
              const mapped = record.mapped ?? {};
              const judges = Array.isArray(mapped.judges) ? mapped.judges.length : 0;
              const reference = mapped.reference as { judgment?: number } | undefined;
              return (
                <tr key={record.position}>
                  <td className="px-3 py-1.5 font-mono">{record.position}</td>
                  <td className="max-w-40 truncate px-3 py-1.5 font-mono">{String(mapped.id ?? "—")}</td>
                  <td className="max-w-md truncate px-3 py-1.5" title={String(mapped.question ?? "")}>{String(mapped.question ?? "—")}</td>
                  <td className="max-w-48 truncate px-3 py-1.5 font-mono">{mapped.image ? String(mapped.image) : "none"}</td>
                  <td className="px-3 py-1.5">{judges > 0 ? `${judges} judge(s)` : ""}{reference?.judgment !== undefined ? ` reference ${reference.judgment}` : ""}</td>
                  <td className={`px-3 py-1.5 ${record.problem ? "text-rose-800" : "text-emerald-800"}`}>{record.problem ?? "ok"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
