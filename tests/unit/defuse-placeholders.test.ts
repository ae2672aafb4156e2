import { describe, expect, it } from "vitest";
import { placeholderDefuser } from "@/lib/export/defuse-placeholders";

describe("placeholder defusing", () => {
  it("breaks every LLaMA-Factory placeholder in a text, counts the texts it changed, and leaves lookalikes alone", () => {
    const tally = { texts: 0 };
    const defuse = placeholderDefuser(tally);
    expect(defuse("see <image>, <video> and <audio><audio>")).toBe("see <\u200bimage>, <\u200bvideo> and <\u200baudio><\u200baudio>");
    expect(defuse("<Image> <images> < image> <your analysis> a<b")).toBe("<Image> <images> < image> <your analysis> a<b");
    expect(defuse("no angle brackets")).toBe("no angle brackets");
    expect(tally.texts).toBe(1);
    // Defusing is idempotent: a defused text has nothing left to change.
    expect(defuse(defuse("<video>"))).toBe("<\u200bvideo>");
    expect(tally.texts).toBe(2);
  });
});
