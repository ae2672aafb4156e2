import Link from "next/link";
import { AssignForm } from "@/components/samples/AssignForm";
import { ActiveFilters, SampleFilterForm } from "@/components/samples/SampleFilterForm";
import { SampleTable } from "@/components/samples/SampleTable";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { listUsers } from "@/lib/services/users/list-users";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";
import { listSamples } from "@/lib/services/samples/list-samples";
import { filtersToSearchParams, sampleFiltersSchema, VOTE_ROUTES, type SampleFilters } from "@/lib/services/samples/sample-filters";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The list's filters without its paging: what an assignment matches. */
function assignable(filters: SampleFilters): Omit<SampleFilters, "cursor" | "limit"> {
  return Object.fromEntries(Object.entries(filters).filter(([key]) => key !== "cursor" && key !== "limit"));
}

export default async function SamplesPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const actor = await requirePageActor(`/samples?${new URLSearchParams(raw)}`);
  const parsed = sampleFiltersSchema.safeParse(raw);
  const filters = parsed.success ? { ...parsed.data, cursor: undefined } : {};
  const [options, firstPage] = await Promise.all([listFilterOptions(actor), listSamples(actor, filters)]);
  const query = filtersToSearchParams(filters).toString();
  // An admin may send the matching samples to one expert (docs/quality-control.md).
  const experts = can("quality:manage", actor.role) && can("user:manage", actor.role)
    ? (await listUsers(actor)).filter((user) => !user.disabled && user.role !== "viewer").map((user) => user.email)
    : null;

  return (
    <div className="space-y-3">
      <div className="flex items-baseline gap-4">
        <h1 className="text-base font-semibold">Samples</h1>
        {firstPage.counts && (
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-900">{firstPage.counts.total}</span> matching ·{" "}
            {VOTE_ROUTES.map((route, index) => (
              <span key={route}>
                {index > 0 && " · "}
                <Link href={`/samples?${new URLSearchParams({ ...Object.fromEntries(filtersToSearchParams(filters)), route })}`} className="hover:underline">
                  {route.replace("_", " ")} {firstPage.counts!.byRoute[route]}
                </Link>
              </span>
            ))}
          </p>
        )}
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded border border-rose-200 bg-rose-50 p-2 text-sm text-rose-800">
          Some filters in the address were not valid and were ignored: {parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}
        </p>
      )}
      <SampleFilterForm filters={filters} options={options} />
      <ActiveFilters filters={filters} />
      {experts && firstPage.counts && <AssignForm filters={assignable(filters)} experts={experts} matching={firstPage.counts.total} />}
      <SampleTable key={query} query={query} firstPage={firstPage} />
    </div>
  );
}
