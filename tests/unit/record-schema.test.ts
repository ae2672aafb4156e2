import { describe, expect, it } from "vitest";
import { describeIssues, importRecordSchema } from "@/lib/import/record-schema";

const valid = {
  id: "s-1",
  question: "q",
  image: null,
  image_condition: "none",
  category: "crime",
  thinking: "t",
  answer: "a",
  judges: [
    { name: "a", analysis: "x", judgment: 0 },
    { name: "b", analysis: "y", judgment: 0.5 },
  ],
};

function reason(record: unknown): string {
  const result = importRecordSchema.safeParse(record);
  if (result.success) return "valid";
  return describeIssues(result.error);
}

describe("import record schema", () => {
  it("accepts a minimal record", () => {
    expect(reason(valid)).toBe("valid");
  });

  it("names each problem by its field", () => {
    expect(reason({ ...valid, id: undefined })).toBe("id: is required");
    expect(reason({ ...valid, question: "   " })).toBe("question: must not be empty");
    expect(reason({ ...valid, category: "weapons" })).toMatch(/^category: must be one of crime, cybersecurity/);
    expect(reason({ ...valid, judges: [] })).toBe("judges: needs at least one judge (or a reference label)");
    expect(reason({ ...valid, judges: [{ name: "a", analysis: "x", judgment: 0.7 }] })).toBe("judges[0].judgment: must be 0, 0.5 or 1");
    expect(reason({ ...valid, judges: [{ name: "a", analysis: "x", judgment: "1" }] })).toMatch(/^judges\[0\]\.judgment: .*number/);
    expect(reason({ ...valid, judgement: 1 })).toBe("unknown field(s) 'judgement' (extra data belongs in meta)");
    expect(reason({ ...valid, attack: "figstep" })).toBe("attack: is only allowed with image_condition jailbreak");
    expect(reason({ ...valid, image_condition: "aligned" })).toBe("image: is required with image_condition aligned");
    expect(reason({ ...valid, judges: [valid.judges[0], valid.judges[0]] })).toBe("judges[1].name: repeats judge 'a'");
    expect(reason({ ...valid, thinking: "a\u0000b" })).toBe("thinking: contains a NUL character");
    expect(reason({ ...valid, answer: "\ud800" })).toBe("answer: is not well-formed Unicode (lone surrogate)");
    expect(reason({ ...valid, thinking: "x".repeat(1024 * 1024 + 1) })).toBe("thinking: is longer than 1 MiB");
  });

  it("allows at most nine judges", () => {
    const judges = Array.from({ length: 10 }, (_, index) => ({ name: `j${index}`, analysis: "", judgment: 0 }));
    expect(reason({ ...valid, judges })).toBe("judges: allows at most 9 judges");
    expect(reason({ ...valid, judges: judges.slice(0, 9) })).toBe("valid");
  });
});

describe("meta", () => {
  it("takes any object, but not one nested deeper than 32 levels", () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : { a: nest(depth - 1) });
    expect(reason({ ...valid, meta: nest(32) })).toBe("valid");
    expect(reason({ ...valid, meta: nest(33) })).toBe("meta: must nest at most 32 levels deep");
  });
});
