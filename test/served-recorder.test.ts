// A flush writes every list recorded before it, even while an earlier write (the timer's)
// is still under way: the experiment tests read a list back right after flushing.
import { describe, expect, it } from "vitest";
import { ServedRecorder } from "../server/analytics/served-recorder.js";
import type { ServedList } from "../server/store/types.js";

describe("served-list recorder", () => {
  it("a flush waits for the write under way, then writes what was recorded since", async () => {
    const written: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const sink = {
      append: async (lists: ServedList[]) => {
        if (written.length === 0) await slow;
        written.push(...lists.map((l) => l.id));
      },
      close: async () => {},
    };
    const recorder = new ServedRecorder(sink, { flushMs: 60_000 });
    recorder.record({ id: "first" } as ServedList);
    const early = recorder.flush();
    recorder.record({ id: "second" } as ServedList);
    const late = recorder.flush();
    release();
    await late;
    expect(written).toEqual(["first", "second"]);
    await early;
    await recorder.close();
  });
});
