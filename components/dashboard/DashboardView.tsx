"use client";

import { useQuery } from "@tanstack/react-query";
import { apiJson } from "@/components/app/api-client";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import { BreakdownSection } from "./BreakdownSection";
import { DriftSection } from "./DriftSection";
import { EvaluationSection } from "./EvaluationSection";
import { ExpertsSection } from "./ExpertsSection";
import { HeldExperts } from "./HeldExperts";
import { JudgesSection } from "./JudgesSection";
import { OverviewSection } from "./OverviewSection";
import { PrelabelSection } from "./PrelabelSection";

const REFRESH_MS = 15_000;

function fetchDashboard(dataset: string | null): Promise<Dashboard> {
  return apiJson<Dashboard>(`/api/v1/dashboard${dataset ? `?${new URLSearchParams({ dataset })}` : ""}`);
}

/** The reviewer dashboards; figures refresh in the background, so new decisions show without a reload. */
export function DashboardView({ initial, canManageQuality }: { initial: Dashboard; canManageQuality: boolean }) {
  const query = useQuery({
    queryKey: ["dashboard", initial.dataset],
    queryFn: () => fetchDashboard(initial.dataset),
    initialData: initial,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  const dashboard = query.data;
  return (
    <div className="space-y-6">
      <p role="status" aria-live="polite" className="text-xs text-slate-500">
        {query.isError ? <span className="text-rose-700">{query.error.message}</span> : <>Figures as of {new Date(dashboard.computedAt).toLocaleTimeString()}; they refresh every 15 s.</>}
      </p>
      <HeldExperts dashboard={dashboard} canManage={canManageQuality} />
      <OverviewSection dashboard={dashboard} />
      <JudgesSection dashboard={dashboard} />
      <BreakdownSection dashboard={dashboard} />
      <ExpertsSection dashboard={dashboard} />
      <DriftSection dashboard={dashboard} />
      <PrelabelSection dashboard={dashboard} />
      <EvaluationSection dashboard={dashboard} />
    </div>
  );
}
