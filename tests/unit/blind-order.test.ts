import { describe, expect, it } from "vitest";
import { blindOrder } from "@/lib/domain/blind-order";

const EXPERT = "8f14e45f-ceea-467f-a8e6-4b6f1c2d3e4a";

describe("the blind order of judges", () => {
  it("is a permutation, the same on every call", () => {
    const order = blindOrder(EXPERT, 42, 3);
    expect([...order].sort()).toEqual([0, 1, 2]);
    expect(blindOrder(EXPERT, 42, 3)).toEqual(order);
    expect(blindOrder(EXPERT, 42, 1)).toEqual([0]);
    expect(blindOrder(EXPERT, 42, 0)).toEqual([]);
  });

  it("puts each judge first about equally often across samples, so Judge A is not one model", () => {
    const first = [0, 0, 0];
    for (let sample = 1; sample <= 3000; sample += 1) first[blindOrder(EXPERT, sample, 3)[0]!]! += 1;
    for (const count of first) expect(count).toBeGreaterThan(850);
  });

  it("differs between experts on the same sample", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, index) => blindOrder(`expert-${index}`, 7, 3).join(",")));
    expect(orders.size).toBeGreaterThan(3);
  });
});
