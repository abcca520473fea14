import { describe, expect, it } from "vitest";
import { duration, progress } from "../server/progress.js";

/** A log (not a terminal) and a clock the test moves. */
function setup(total?: number) {
  const lines: string[] = [];
  const out = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
  const clock = { t: 0 };
  const bar = progress("batch", "users", { total, out, now: () => clock.t });
  return { lines, clock, bar };
}

describe("progress lines", () => {
  it("show done/total, the share done and the time left once a total is known", () => {
    const { lines, clock, bar } = setup(1000);
    clock.t = 5000;
    bar.tick(250);
    clock.t = 20_000;
    bar.done(1000);
    expect(lines).toEqual(["batch: 250/1,000 users (25.0%, 50/s, 5.0 s, ETA 15 s)\n", "batch: 1,000/1,000 users (100.0%, 50/s, 20.0 s)\n"]);
  });

  it("write a log line only every few seconds, and no total when none is given", () => {
    const { lines, clock, bar } = setup();
    clock.t = 1000;
    bar.tick(10);
    clock.t = 6000;
    bar.tick(60);
    expect(lines).toEqual(["batch: 60 users (10/s, 6.0 s)\n"]);
  });

  it("say how long in words a reader takes in at a glance", () => {
    expect([duration(0.2), duration(59), duration(200), duration(7500)]).toEqual(["1 s", "59 s", "3 min 20 s", "2 h 05 min"]);
  });
});
