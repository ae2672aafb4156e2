"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiJson } from "@/components/app/api-client";
import type { Dashboard } from "@/lib/stats/dashboard-types";
import type { StandingChange } from "@/lib/services/quality/quality.schema";

type Held = Dashboard["held"][number];

/**
 * The experts the quality control holds back, above the figures so an admin sees them: paused (gold
 * accuracy under the dataset's floor) or failed a calibration round. An admin lifts the pause or resets
 * the round from here.
 */
export function HeldExperts({ dashboard, canManage }: { dashboard: Dashboard; canManage: boolean }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ held, action }: { held: Held; action: StandingChange["action"] }) =>
      apiJson(`/api/v1/datasets/${encodeURIComponent(held.dataset)}/experts/${encodeURIComponent(held.expert)}`, { method: "PATCH", body: JSON.stringify({ action }) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["dashboard", dashboard.dataset] }),
  });
  if (dashboard.held.length === 0) return null;
  return (
    <section aria-labelledby="held-experts" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <h2 id="held-experts" className="font-semibold">
        {dashboard.held.length === 1 ? "1 expert is" : `${dashboard.held.length} experts are`} held back by the quality control
      </h2>
      <ul className="mt-2 space-y-1">
        {dashboard.held.map((held) => (
          <li key={`${held.dataset}\t${held.expert}`} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>
              <span className="font-medium">{held.expert}</span> on {held.dataset}:{" "}
              {held.paused ? "paused, gold accuracy below the floor" : `failed calibration round ${held.calibrationRound}`}
            </span>
            {canManage && (
              <button
                type="button"
                disabled={change.isPending}
                onClick={() => change.mutate({ held, action: held.paused ? "lift_pause" : "reset_calibration" })}
                className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
              >
                {held.paused ? "Lift the pause" : "Reset the round"}
                <span className="sr-only"> for {held.expert} on {held.dataset}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="mt-1 text-xs text-rose-700">
        {change.isError ? change.error.message : ""}
      </p>
    </section>
  );
}
