"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { apiJson } from "@/components/app/api-client";
import { SAFE_VIEWING_DEFAULTS, type ViewingPreferences } from "@/lib/services/users/user.schema";

type Viewing = ViewingPreferences & {
  /** Saves a change to the caller's preferences; the view follows at once and rolls back if the server refuses. */
  change: (patch: Partial<ViewingPreferences>) => Promise<void>;
};

const ViewingContext = createContext<Viewing>({ ...SAFE_VIEWING_DEFAULTS, change: async () => undefined });

/** Safe viewing's preferences for every image on the page (docs/safe-viewing.md), loaded by the layout. */
export function ViewingProvider({ initial, children }: { initial: ViewingPreferences; children: ReactNode }) {
  const [preferences, setPreferences] = useState(initial);
  const change = useCallback(
    async (patch: Partial<ViewingPreferences>) => {
      const previous = preferences;
      setPreferences({ ...previous, ...patch });
      try {
        setPreferences(await apiJson<ViewingPreferences>("/api/v1/account/viewing", { method: "PATCH", body: JSON.stringify(patch) }));
      } catch (error) {
        setPreferences(previous);
        throw error;
      }
    },
    [preferences],
  );
  const value = useMemo(() => ({ ...preferences, change }), [preferences, change]);
  return <ViewingContext.Provider value={value}>{children}</ViewingContext.Provider>;
}

export const useViewing = () => useContext(ViewingContext);
