import { describe, expect, it } from "vitest";
import { filtersToSearchParams, sampleFiltersSchema } from "@/lib/services/samples/sample-filters";

describe("sample filters", () => {
  it("treats empty form fields as no filter and coerces the cursor", () => {
    const parsed = sampleFiltersSchema.parse({ route: "", category: "health", cursor: "42", externalId: "" });
    expect(parsed).toEqual({ category: "health", cursor: 42 });
  });

  it("rejects values outside the vocabularies", () => {
    expect(sampleFiltersSchema.safeParse({ route: "split" }).success).toBe(false);
    expect(sampleFiltersSchema.safeParse({ cursor: "0" }).success).toBe(false);
    expect(sampleFiltersSchema.safeParse({ limit: "1000" }).success).toBe(false);
  });

  it("writes filters back to query parameters without the cursor", () => {
    expect(filtersToSearchParams({ route: "majority", cursor: 9, judge: "gpt-5" }).toString()).toBe("route=majority&judge=gpt-5");
  });
});
