import { describe, expect, it } from "vitest";
import { exportOptionsSchema } from "@/lib/export/export-options";
import { optionsSummary } from "@/lib/export/options-summary";

describe("optionsSummary", () => {
  it("names the filters and the settings away from their defaults, nothing else", () => {
    const stored = exportOptionsSchema.parse({ kind: "ogdpo", format: "trl", dataset: "demo", category: "crime", pairs: "all", split: 0.1 });
    expect(optionsSummary(stored)).toEqual([
      ["dataset", "demo"],
      ["category", "crime"],
      ["split", "0.1"],
      ["pairs", "all"],
    ]);
    expect(optionsSummary(exportOptionsSchema.parse({ kind: "sft", format: "llamafactory" }))).toEqual([]);
  });

  it("shows an older stored shape field by field rather than failing", () => {
    expect(optionsSummary({ kind: "dpo", format: "trl", legacyFlag: true, maxLength: 4096 })).toEqual([
      ["legacyFlag", "true"],
      ["maxLength", "4096"],
    ]);
  });
});
