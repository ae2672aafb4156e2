import { describe, expect, it } from "vitest";
import { BREAK_PAUSE_MINUTES, breakDue, workStretchStart } from "@/lib/exposure/work-stretch";

const now = new Date("2026-12-04T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("workStretchStart", () => {
  it("is null without decisions, or when the last one is a pause ago", () => {
    expect(workStretchStart([], now)).toBeNull();
    expect(workStretchStart([minutesAgo(BREAK_PAUSE_MINUTES)], now)).toBeNull();
    expect(workStretchStart([minutesAgo(BREAK_PAUSE_MINUTES - 1)], now)).toEqual(minutesAgo(BREAK_PAUSE_MINUTES - 1));
  });

  it("runs back through gaps shorter than the pause and stops at the first pause", () => {
    // Newest first: a decision every 5 minutes back to 60 minutes ago, then a 15-minute gap, then older work.
    const decided = [...Array.from({ length: 13 }, (_, index) => minutesAgo(index * 5)), minutesAgo(75), minutesAgo(80)];
    expect(workStretchStart(decided, now)).toEqual(minutesAgo(60));
  });

  it("treats a gap of exactly the pause as a break", () => {
    expect(workStretchStart([minutesAgo(1), minutesAgo(1 + BREAK_PAUSE_MINUTES)], now)).toEqual(minutesAgo(1));
    expect(workStretchStart([minutesAgo(1), minutesAgo(BREAK_PAUSE_MINUTES)], now)).toEqual(minutesAgo(BREAK_PAUSE_MINUTES));
  });
});

describe("breakDue", () => {
  const steady = Array.from({ length: 20 }, (_, index) => minutesAgo(index * 5)); // 95 minutes of work

  it("is due once the stretch reaches the setting, with its start and length", () => {
    expect(breakDue(steady, now, 90)).toEqual({ since: minutesAgo(95).toISOString(), minutes: 95 });
    expect(breakDue(steady, now, 95)).not.toBeNull();
    expect(breakDue(steady, now, 96)).toBeNull();
  });

  it("is never due without a setting, or after a break", () => {
    expect(breakDue(steady, now, null)).toBeNull();
    expect(breakDue(steady.map((at) => new Date(at.getTime() - 30 * 60_000)), now, 5)).toBeNull();
  });
});
