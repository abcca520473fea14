import { afterEach, describe, expect, it, vi } from "vitest";
import { duration, progress } from "../server/platform/progress.js";

/** A non-terminal stream that keeps what is written. */
function sink() {
  const lines: string[] = [];
  return { lines, out: { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream };
}

afterEach(() => vi.useRealTimers());

describe("progress", () => {
  it("shows the total, the share done and an ETA at the rate so far, then the final count", () => {
    vi.useFakeTimers({ now: 0 });
    const { lines, out } = sink();
    const bar = progress("scoring", "users", out);
    vi.setSystemTime(10_000);
    bar.tick(250, 1000);
    vi.setSystemTime(20_000);
    bar.done(1000, "written");
    expect(lines).toEqual([
      "scoring: 250 of 1,000 (25%, ETA 30 s) users (25/s, 10.0 s)\n",
      "scoring: 1,000 users (50/s, 20.0 s) — written\n",
    ]);
  });

  it("marks a projected total as such", () => {
    vi.useFakeTimers({ now: 0 });
    const { lines, out } = sink();
    const bar = progress("events from e.csv", "rows", out);
    vi.setSystemTime(6000);
    bar.tick(600, 2400, true);
    expect(lines).toEqual(["events from e.csv: 600 of ~2,400 (25%, ETA 18 s) rows (100/s, 6.0 s)\n"]);
  });

  it("without a total shows the count and rate alone", () => {
    vi.useFakeTimers({ now: 0 });
    const { lines, out } = sink();
    const bar = progress("reading", "rows", out);
    vi.setSystemTime(6000);
    bar.tick(600);
    expect(lines).toEqual(["reading: 600 rows (100/s, 6.0 s)\n"]);
  });

  it("writes durations as an operator reads them", () => {
    expect([duration(42.4), duration(185), duration(4320)]).toEqual(["42 s", "3 min 5 s", "1 h 12 min"]);
  });
});
