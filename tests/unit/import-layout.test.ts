import { describe, expect, it } from "vitest";
import { contentId, mapRecord } from "@/lib/import/import-layout";
import { importLayoutSchema } from "@/lib/import/import-layout-schema";
import { describeIssues, importRecordSchema } from "@/lib/import/record-schema";

const layout = (input: unknown) => importLayoutSchema.parse(input);

describe("import layouts", () => {
  it("renames fields with --map, swaps included, and fills absent ones with --set and --source", () => {
    const mapped = mapRecord(
      { id: "a", prompt: "Q?", response: "A.", reasoning: "T.", category: null },
      layout({ map: ["question=prompt", "answer=response", "thinking=reasoning"], set: ["category=health", "image_condition=none"], source: "S-Eval" }),
    );
    expect(mapped).toEqual({
      record: { id: "a", question: "Q?", answer: "A.", thinking: "T.", category: "health", image_condition: "none", source: "S-Eval", image: null },
      embeddedImage: null,
      imageName: null,
    });
    const swapped = mapRecord({ question: "T.", thinking: "Q?" }, layout({ map: ["question=thinking", "thinking=question"] }));
    expect("record" in swapped && swapped.record).toMatchObject({ question: "Q?", thinking: "T." });
    // --set never overrides what the record says.
    const kept = mapRecord({ category: "crime" }, layout({ set: ["category=health"] }));
    expect("record" in kept && kept.record.category).toBe("crime");
  });

  it("refuses assignments that name no field of ours", () => {
    const parsed = importLayoutSchema.safeParse({ map: ["answer", "colour=response"], set: ["judges=[]"] });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toBe(
      "map: 'answer' is not ours=theirs, for example answer=response; map: 'colour' is not one of id, question, image, image_condition, attack, category, source, model, thinking, answer, judges, prelabel, meta, reference; set: 'judges' is not one of category, image_condition, attack, source, model",
    );
  });

  it("reads the upstream layout into a valid reference sample with a content-derived id", () => {
    const upstream = { question: "Q?", thinking: "T.", response: "A.", image_name: "img/x.png", evaluation_result: "0.5", split: "test" };
    const mapped = mapRecord(upstream, layout({ layout: "guardtrace", source: "S-Eval-VL" }));
    if (!("record" in mapped)) throw new Error(mapped.reason);
    expect(mapped.record).toEqual({
      id: contentId({ question: "Q?", thinking: "T.", answer: "A." }, "x.png"),
      question: "Q?",
      thinking: "T.",
      answer: "A.",
      image: "img/x.png",
      image_condition: "unknown",
      category: "other",
      source: "S-Eval-VL",
      judges: [],
      reference: { judgment: 0.5, source: "evaluation_result" },
      meta: { split: "test" },
    });
    expect(mapped.imageName).toBe("x.png");
    expect(importRecordSchema.safeParse(mapped.record).success).toBe(true);
    expect(mapped.record.id).toMatch(/^gt-[0-9a-f]{24}$/);

    const textOnly = mapRecord({ ...upstream, image_name: "", evaluation_result: 0 }, layout({ layout: "guardtrace", set: ["category=health"] }));
    expect("record" in textOnly && textOnly.record).toMatchObject({ image: null, image_condition: "none", category: "health", reference: { judgment: 0 } });
    expect(mapRecord({ ...upstream, evaluation_result: "unsafe" }, layout({ layout: "guardtrace" }))).toEqual({ reason: 'evaluation_result: must be 0, 0.5 or 1 (got "unsafe")' });
  });

  it("sets an embedded {bytes, path} image apart and keeps its name", () => {
    const bytes = Buffer.from([1, 2, 3]);
    const mapped = mapRecord({ image: { bytes, path: "a/b.png" } }, layout({}));
    expect(mapped).toEqual({ record: { image: "a/b.png" }, embeddedImage: bytes, imageName: "b.png" });
    expect(mapRecord({ image: { bytes: null, path: null } }, layout({}))).toEqual({ record: { image: null }, embeddedImage: null, imageName: null });
    expect(mapRecord({ image: { bytes: "AAA=", path: "x.png" } }, layout({}))).toEqual({ reason: "image.bytes: must be binary (a Parquet byte array)" });
  });

  it("requires a judge, or a reference label, on every sample", () => {
    const record = { id: "r", question: "Q?", thinking: "", answer: "", category: "other", image_condition: "none", judges: [] };
    expect(describeIssues(importRecordSchema.safeParse(record).error!)).toBe("judges: needs at least one judge (or a reference label)");
    expect(importRecordSchema.safeParse({ ...record, reference: { judgment: 1, source: "human" } }).success).toBe(true);
    expect(describeIssues(importRecordSchema.safeParse({ ...record, reference: { judgment: 2, source: "human" } }).error!)).toBe("reference.judgment: must be 0, 0.5 or 1");
  });
});
