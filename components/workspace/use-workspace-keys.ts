"use client";

import { useEffect } from "react";
import type { Claim } from "@/lib/services/queue/claim-next-sample";

export type Mode = "idle" | "correction" | "skip" | "flag";

type Keys = {
  mode: Mode;
  setMode: (mode: Mode) => void;
  claim: Claim | null | undefined;
  /** The judges in the order shown (blind mode shuffles them): key n sides with the n-th. */
  judges: Claim["sample"]["judges"];
  busy: boolean;
  openSheet: (sheet: "help" | "rubric") => void;
  toggleBlind: () => void;
  undoLast: () => void;
  sideWith: (judge: string) => void;
  /** `c`: open a correction, taking the current text selection in the thinking as its span. */
  startCorrection: () => void;
  /** shift+1–9: open a correction that starts from the n-th shown judge's analysis. */
  correctFromJudge: (index: number) => void;
};

/** The workspace's keys: 1–9 side with a judge, shift+1–9 correct from its analysis, c / s / f open a form, u undoes, b, r and ? toggle views, Esc closes. */
export function useWorkspaceKeys(keys: Keys) {
  const { mode, setMode, claim, judges, busy, openSheet, toggleBlind, undoLast, sideWith, startCorrection, correctFromJudge } = keys;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Escape") {
        if (mode !== "idle") setMode("idle");
        return;
      }
      const target = event.target as HTMLElement | null;
      // The open dialog itself, not the sheet's state: the browser closes a dialog on Escape at once, and
      // a key pressed before React re-renders must already reach the workspace.
      if (document.querySelector("dialog[open]") || target?.closest("input, textarea, select, [contenteditable='true']")) return;
      const key = event.key;
      const handled = () => event.preventDefault();
      if (key === "?") return (handled(), openSheet("help"));
      if (key === "r") return (handled(), openSheet("rubric"));
      if (key === "b") return (handled(), toggleBlind());
      if (key === "u") return (handled(), undoLast());
      if (!claim || mode !== "idle" || busy) return;
      // By the physical key: shift+1 is "!" on one layout and "1" or "&" on others.
      if (event.shiftKey && /^Digit[1-9]$/.test(event.code)) {
        handled();
        correctFromJudge(Number(event.code.slice(5)) - 1);
        return;
      }
      if (/^[1-9]$/.test(key)) {
        const judge = judges[Number(key) - 1];
        if (judge) {
          handled();
          sideWith(judge.name);
        }
        return;
      }
      if (key === "c") return (handled(), startCorrection());
      if (key === "s") return (handled(), setMode("skip"));
      if (key === "f") return (handled(), setMode("flag"));
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [mode, setMode, claim, judges, busy, openSheet, toggleBlind, undoLast, sideWith, startCorrection, correctFromJudge]);
}
