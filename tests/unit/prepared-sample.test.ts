import { describe, expect, it } from "vitest";
import { canonicalJson, hashCanonical, prepareSample } from "@/lib/import/prepared-sample";
import { importRecordSchema } from "@/lib/import/record-schema";

const record = importRecordSchema.parse({
  id: "s-1",
  question: "q",
  image_condition: "none",
  category: "health",
  thinking: "t",
  answer: "a",
  judges: [
    { name: "a", analysis: "x", judgment: 1 },
    { name: "b", analysis: "y", judgment: 0 },
    { name: "c", analysis: "z", judgment: 1 },
  ],
  prelabel: { model: "guard", judgment: 0.5 },
});

describe("prepareSample", () => {
  it("derives the route and consensus from the judges", () => {
    const sample = prepareSample(3, record, null);
    expect(sample).toMatchObject({ lineNo: 3, route: "majority", consensus: 1, prelabel: { model: "guard", version: "imported", judgment: 0.5 } });
  });

  it("hashes content independently of key order, and changes with the content", () => {
    expect(hashCanonical({ a: 1, b: { c: 2, d: 3 } })).toBe(hashCanonical({ b: { d: 3, c: 2 }, a: 1 }));
    expect(hashCanonical({ a: 1 })).not.toBe(hashCanonical({ a: 2 }));
    const changed = importRecordSchema.parse({ ...record, answer: "another" });
    expect(prepareSample(1, changed, null).contentHash).not.toBe(prepareSample(1, record, null).contentHash);
  });

  it("keeps the hashes earlier versions stored, so re-importing an unchanged file changes nothing", () => {
    // The golden value came from the first implementation (JSON.stringify of a key-sorted copy).
    const value = { z: [1, undefined, { b: "é\n\"", a: null }], a: 0.5, m: undefined, k: { y: [], x: {} }, s: "\u2028" };
    expect(canonicalJson(value)).toBe('{"a":0.5,"k":{"x":{},"y":[]},"s":"\u2028","z":[1,null,{"a":null,"b":"é\\n\\""}]}');
    expect(hashCanonical(value)).toBe("29650df0a3ff3b4ce12d544b5b33b2ae0654d9e234198daa6e357c39498b78a8");
  });
});
