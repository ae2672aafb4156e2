import Link from "next/link";
import { CATEGORIES, IMAGE_CONDITIONS } from "@/lib/import/record-schema";
import type { FilterOptions } from "@/lib/services/samples/list-filter-options";
import { SAMPLE_STATUSES, DISCUSSION_FILTERS, VOTE_ROUTES, type SampleFilters } from "@/lib/services/samples/sample-filters";

function Select({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: readonly string[] }) {
  return (
    <div className="flex flex-col">
      <label htmlFor={`filter-${name}`} className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="mt-0.5 h-8 min-w-32 rounded border border-slate-300 bg-white px-1.5">
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function SampleFilterForm({ filters, options }: { filters: SampleFilters; options: FilterOptions }) {
  return (
    <form method="get" action="/samples" aria-label="Filter samples" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      <Select name="dataset" label="Dataset" value={filters.dataset} options={options.datasets} />
      <Select name="route" label="Route" value={filters.route} options={VOTE_ROUTES} />
      <Select name="category" label="Category" value={filters.category} options={CATEGORIES} />
      <Select name="imageCondition" label="Image" value={filters.imageCondition} options={IMAGE_CONDITIONS} />
      <Select name="attack" label="Attack" value={filters.attack} options={options.attacks} />
      <Select name="model" label="Source model" value={filters.model} options={options.models} />
      <Select name="source" label="Source" value={filters.source} options={options.sources} />
      <Select name="judge" label="Judge" value={filters.judge} options={options.judges} />
      <Select name="judgeJudgment" label="Judge said" value={filters.judgeJudgment} options={["0", "0.5", "1"]} />
      <Select name="status" label="Status" value={filters.status} options={SAMPLE_STATUSES} />
      <Select name="discussion" label="Discussion" value={filters.discussion} options={DISCUSSION_FILTERS} />
      <div className="flex flex-col">
        <label htmlFor="filter-externalId" className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
          External id
        </label>
        <input id="filter-externalId" name="externalId" defaultValue={filters.externalId ?? ""} className="mt-0.5 h-8 w-40 rounded border border-slate-300 px-1.5" />
      </div>
      <div className="flex gap-2">
        <button type="submit" className="h-8 rounded bg-slate-900 px-3 font-medium text-white hover:bg-slate-700">
          Apply
        </button>
        <Link href="/samples" className="flex h-8 items-center rounded border border-slate-300 px-3 text-slate-700 hover:bg-slate-50">
          Reset
        </Link>
      </div>
    </form>
  );
}
