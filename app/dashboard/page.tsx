import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PendingSection } from "@/components/app/PendingSection";
import { DashboardView } from "@/components/dashboard/DashboardView";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/request-actor";
import { listFilterOptions } from "@/lib/services/samples/list-filter-options";
import { getDashboard } from "@/lib/services/stats/get-dashboard";

export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const dataset = typeof params.dataset === "string" && params.dataset ? params.dataset : undefined;
  const actor = await requirePageActor(`/dashboard${dataset ? `?dataset=${encodeURIComponent(dataset)}` : ""}`);
  const options = await listFilterOptions(actor);
  if (dataset !== undefined && !options.datasets.includes(dataset)) notFound();
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
      {/* The figures take a second at a million samples: the page and its navigation come first, and the
          figures stream in. A Suspense boundary here rather than a loading.tsx, which would wrap the page
          itself and so turn the sign-in redirect and the 404 above into a streamed 200. */}
      <Suspense key={dataset ?? ""} fallback={<PendingSection label="Computing the agreement figures…" />}>
        <DashboardFigures actor={actor} dataset={dataset} />
      </Suspense>
    </div>
  );
}

async function DashboardFigures({ actor, dataset }: { actor: Actor; dataset: string | undefined }) {
  return <DashboardView initial={await getDashboard(actor, { dataset })} canManageQuality={can("quality:manage", actor.role)} />;
}
