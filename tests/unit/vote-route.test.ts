import { describe, expect, it } from "vitest";
import { routeVotes } from "@/lib/domain/vote-route";

describe("routeVotes", () => {
  it("routes 3:0 as unanimous with the shared level", () => {
    expect(routeVotes([0.5, 0.5, 0.5])).toEqual({ route: "unanimous", consensus: 0.5, minority: [] });
  });

  it("routes 2:1 as majority and names the odd judge out", () => {
    expect(routeVotes([1, 0, 1])).toEqual({ route: "majority", consensus: 1, minority: [1] });
    expect(routeVotes([0, 0.5, 0.5])).toEqual({ route: "majority", consensus: 0.5, minority: [0] });
  });

  it("routes 1:1:1 as no majority", () => {
    expect(routeVotes([0, 0.5, 1])).toEqual({ route: "no_majority", consensus: null, minority: [] });
  });

  it("needs a strict majority with other judge counts", () => {
    expect(routeVotes([0, 1])).toMatchObject({ route: "no_majority" });
    expect(routeVotes([0, 0, 1, 1])).toMatchObject({ route: "no_majority" });
    expect(routeVotes([1, 1, 1, 0, 0.5])).toEqual({ route: "majority", consensus: 1, minority: [3, 4] });
    expect(routeVotes([0])).toEqual({ route: "unanimous", consensus: 0, minority: [] });
  });

  it("refuses an empty vote", () => {
    expect(() => routeVotes([])).toThrow();
  });
});
