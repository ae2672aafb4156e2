import { describe, expect, it } from "vitest";
import { krippendorffReading, landisKochBand, readAlpha, readKappa } from "@/lib/stats/readings";

describe("landisKochBand", () => {
  it("puts each κ in the band Landis and Koch (1977) drew, the upper bound inclusive", () => {
    expect([-0.1, 0, 0.2, 0.21, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1].map(landisKochBand)).toEqual([
      "poor (worse than chance)",
      "slight",
      "slight",
      "fair",
      "fair",
      "moderate",
      "moderate",
      "substantial",
      "substantial",
      "almost perfect",
      "almost perfect",
    ]);
  });
});

describe("krippendorffReading", () => {
  it("follows Krippendorff's 0.667 and 0.800 lines", () => {
    expect(krippendorffReading(0.8)).toMatch(/^reliable/);
    expect(krippendorffReading(0.7999)).toMatch(/^tentative/);
    expect(krippendorffReading(0.667)).toMatch(/^tentative/);
    expect(krippendorffReading(0.6669)).toMatch(/^not reliable/);
  });

  it("says nothing for an undefined figure, and calls both readings conventions", () => {
    expect(readKappa(null)).toBeUndefined();
    expect(readAlpha(null)).toBeUndefined();
    expect(readKappa(0.5)).toContain("a convention");
    expect(readAlpha(0.9)).toContain("a convention");
  });
});
