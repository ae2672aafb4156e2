import { describe, expect, it } from "vitest";
import { jsonTextProblems, pathIsClean, queryTextProblems, textProblem } from "@/lib/http/input-text";

describe("the input rule", () => {
  it("refuses NUL and lone surrogates, and nothing else", () => {
    expect(textProblem("a\u0000b")).toMatch(/NUL/);
    expect(textProblem("a\ud800b")).toMatch(/well-formed/);
    expect(textProblem("\udc00")).toMatch(/well-formed/);
    expect(textProblem("emoji 😀, Ünïcödé, <script>, \u0001, '; DROP TABLE")).toBeNull();
  });

  it("names each query parameter that breaks it, by its decoded name", () => {
    expect(queryTextProblems("?dataset=%00&limit=5")).toEqual({ dataset: ["must not contain NUL characters"] });
    expect(queryTextProblems("?q=%E0%A4%A")).toEqual({ q: ["is not valid percent-encoded UTF-8"] });
    expect(queryTextProblems("?q=%ED%A0%80")).toEqual({ q: ["is not valid percent-encoded UTF-8"] });
    expect(queryTextProblems("?%ZZ=1")).toEqual({ _: ["is not valid percent-encoded UTF-8"] });
    expect(queryTextProblems("?my+name=a+b&empty&x=%F0%9F%98%80")).toEqual({});
    expect(queryTextProblems("")).toEqual({});
  });

  it("checks every segment of a path", () => {
    expect(pathIsClean("/api/v1/datasets/demo%20set")).toBe(true);
    expect(pathIsClean("/api/v1/datasets/%E0%A4%A")).toBe(false);
    expect(pathIsClean("/api/v1/samples/%00")).toBe(false);
    expect(pathIsClean("/samples/%ED%A0%80")).toBe(false);
  });

  it("walks a JSON body of any depth, keys included, and names the field", () => {
    expect(jsonTextProblems({ name: "a\u0000b", judges: [{ analysis: "ok" }, { analysis: "\ud800" }] })).toEqual({
      name: ["must not contain NUL characters"],
      "judges.1.analysis": ["is not well-formed Unicode"],
    });
    expect(jsonTextProblems({ "bad\u0000key": 1 })).toEqual({ _: ["has a key that must not contain NUL characters"] });
    expect(jsonTextProblems("\u0000")).toEqual({ _: ["must not contain NUL characters"] });
    const deep = JSON.parse(`${"[".repeat(200_000)}"\\u0000"${"]".repeat(200_000)}`) as unknown;
    expect(Object.values(jsonTextProblems(deep))).toEqual([["must not contain NUL characters"]]);
    expect(jsonTextProblems({ fine: [1, true, null, "text"] })).toEqual({});
  });
});
