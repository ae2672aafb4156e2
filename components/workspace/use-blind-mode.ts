"use client";

import { useCallback, useSyncExternalStore } from "react";

const KEY = "gts.blind";
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Blind mode (judge and model names hidden) is a per-browser preference that survives reloads. */
export function useBlindMode(): [boolean, () => void] {
  const blind = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(KEY) === "1",
    () => false,
  );
  const toggle = useCallback(() => {
    window.localStorage.setItem(KEY, window.localStorage.getItem(KEY) === "1" ? "0" : "1");
    listeners.forEach((listener) => listener());
  }, []);
  return [blind, toggle];
}
