import Link from "next/link";
import { FilterChips } from "@/components/app/FilterChips";
import { FilterSelect } from "@/components/app/FilterSelect";
import { CATEGORIES, IMAGE_CONDITIONS } from "@/lib/import/record-schema";
import type { FilterOptions } from "@/lib/services/samples/list-filter-options";
import { DISCUSSION_FILTERS, FILTER_KEYS, filtersToSearchParams, SAMPLE_STATUSES, VOTE_ROUTES, type SampleFilters } from "@/lib/services/samples/sample-filters";

/**
 * A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. Every filter
 * the list takes has a control here, so Apply keeps whatever a dashboard link set.
 */
export function SampleFilterForm({ filters, options }: { filters: SampleFilters; options: FilterOptions }) {
  return (
    <form method="get" action="/samples" aria-label="Filter samples" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      <FilterSelect name="dataset" label="Dataset" value={filters.dataset} options={options.datasets} />
      <FilterSelect name="route" label="Route" value={filters.route} options={VOTE_ROUTES} />
      <FilterSelect name="category" label="Category" value={filters.category} options={CATEGORIES} />
      <FilterSelect name="imageCondition" label="Image" value={filters.imageCondition} options={IMAGE_CONDITIONS} />
      <FilterSelect name="attack" label="Attack" value={filters.attack} options={options.attacks} />
      <FilterSelect name="model" label="Source model" value={filters.model} options={options.models} />
      <FilterSelect name="source" label="Source" value={filters.source} options={options.sources} />
      <FilterSelect name="judge" label="Judge" value={filters.judge} options={options.judges} />
      <FilterSelect name="judgeJudgment" label="Judge said" value={filters.judgeJudgment} options={["0", "0.5", "1"]} />
      <FilterSelect name="minorityJudge" label="Odd one out" value={filters.minorityJudge} options={options.judges} />
      <FilterSelect name="expertJudgment" label="Expert said" value={filters.expertJudgment} options={["0", "0.5", "1"]} />
      <FilterSelect name="status" label="Status" value={filters.status} options={SAMPLE_STATUSES} />
      <FilterSelect name="discussion" label="Discussion" value={filters.discussion} options={DISCUSSION_FILTERS} />
      <div className="flex flex-col">
        <label htmlFor="filter-expert" className="text-[11px] font-medium uppercase tracking-wide text-slate-600">
          Expert
        </label>
        <input id="filter-expert" name="expert" type="email" defaultValue={filters.expert ?? ""} placeholder="email" className="mt-0.5 h-8 w-48 rounded border border-slate-300 px-1.5" />
      </div>
      <div className="flex flex-col">
        <label htmlFor="filter-externalId" className="text-[11px] font-medium uppercase tracking-wide text-slate-600">
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

const FILTER_LABELS: Record<(typeof FILTER_KEYS)[number], string> = {
  dataset: "dataset",
  route: "route",
  category: "category",
  imageCondition: "image",
  attack: "attack",
  source: "source",
  model: "source model",
  judge: "judge",
  judgeJudgment: "judge said",
  minorityJudge: "odd one out",
  status: "status",
  discussion: "discussion",
  expert: "expert",
  expertJudgment: "expert said",
  externalId: "external id",
};

/** The active filters as chips, each a link to the same list without it. */
export function ActiveFilters({ filters }: { filters: SampleFilters }) {
  const chips = FILTER_KEYS.filter((key) => filters[key] !== undefined).map((key) => {
    const rest = filtersToSearchParams({ ...filters, [key]: undefined }).toString();
    return { key, label: FILTER_LABELS[key], value: String(filters[key]), removeHref: `/samples${rest ? `?${rest}` : ""}` };
  });
  return <FilterChips chips={chips} />;
}
