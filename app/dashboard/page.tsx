import Link from "next/link";
import { DashboardView } from "@/components/dashboard/DashboardView";
import { requirePageActor } from "@/lib/auth/request-actor";
import { notFoundOnMissing } from "@/lib/http/not-found-on-missing";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";
import { getDashboard } from "@/lib/services/stats/get-dashboard";

export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const dataset = typeof params.dataset === "string" && params.dataset ? params.dataset : undefined;
  const actor = await requirePageActor(`/dashboard${dataset ? `?dataset=${encodeURIComponent(dataset)}` : ""}`);
  const [options, dashboard] = await Promise.all([
    listFilterOptions(actor),
    getDashboard(actor, { dataset }).catch(notFoundOnMissing),
  ]);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-base font-semibold">Agreement</h1>
        <nav aria-label="Dataset" className="flex flex-wrap gap-1 text-xs">
          <Link href="/dashboard" aria-current={dataset ? undefined : "page"} className="rounded border border-slate-300 px-2 py-0.5 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white">
            all datasets
          </Link>
          {options.datasets.map((name) => (
            <Link key={name} href={`/dashboard?dataset=${encodeURIComponent(name)}`} aria-current={dataset === name ? "page" : undefined} className="rounded border border-slate-300 px-2 py-0.5 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white">
              {name}
            </Link>
          ))}
        </nav>
      </div>
      <DashboardView key={dataset ?? ""} initial={dashboard} />
    </div>
  );
}
