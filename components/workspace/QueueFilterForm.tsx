import Link from "next/link";
import { FilterChips } from "@/components/app/FilterChips";
import { FilterSelect } from "@/components/app/FilterSelect";
import { CATEGORIES, IMAGE_CONDITIONS } from "@/lib/import/record-schema";
import type { QueueFilters } from "@/lib/services/queue/queue-schemas";
import type { FilterOptions } from "@/lib/services/samples/list-filter-options";

const LABELS: Record<keyof QueueFilters, string> = { dataset: "dataset", category: "category", imageCondition: "image", attack: "attack", model: "source model" };

const queueHref = (filters: QueueFilters) => {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string")).toString();
  return `/queue${query ? `?${query}` : ""}`;
};

/**
 * The part of the queue an expert works on, shown and edited: each active filter a chip, and the form
 * behind a disclosure so it does not push the sample down. A GET form: the filters stay in the address.
 */
export function QueueFilterForm({ filters, options }: { filters: QueueFilters; options: FilterOptions }) {
  const active = (Object.keys(LABELS) as (keyof QueueFilters)[]).filter((key) => filters[key] !== undefined);
  const chips = active.map((key) => ({ key, label: LABELS[key], value: filters[key]!, removeHref: queueHref({ ...filters, [key]: undefined }) }));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <details className="group">
        <summary className="flex min-h-[44px] cursor-pointer items-center rounded border border-slate-300 bg-white px-3 text-xs font-medium hover:bg-slate-50 min-[900px]:min-h-8">
          Queue filters{active.length > 0 ? ` (${active.length})` : ": the whole queue"}
        </summary>
        <form method="get" action="/queue" aria-label="Filter the queue" className="mt-2 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
          <FilterSelect idPrefix="queue" name="dataset" label="Dataset" value={filters.dataset} options={options.datasets} />
          <FilterSelect idPrefix="queue" name="category" label="Category" value={filters.category} options={CATEGORIES} />
          <FilterSelect idPrefix="queue" name="imageCondition" label="Image" value={filters.imageCondition} options={IMAGE_CONDITIONS} />
          <FilterSelect idPrefix="queue" name="attack" label="Attack" value={filters.attack} options={options.attacks} />
          <FilterSelect idPrefix="queue" name="model" label="Source model" value={filters.model} options={options.models} />
          <button type="submit" className="h-8 rounded bg-slate-900 px-3 font-medium text-white hover:bg-slate-700">
            Apply
          </button>
          <Link href="/queue" className="flex h-8 items-center rounded border border-slate-300 px-3 text-slate-700 hover:bg-slate-50">
            Whole queue
          </Link>
        </form>
      </details>
      <FilterChips chips={chips} />
    </div>
  );
}
