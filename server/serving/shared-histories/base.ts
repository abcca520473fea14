// A serving process's view of the shared histories: the announced file, and every event
// stored since it was built (read from the store's event feed as each request catches up),
// so that a shopper's events read from it are the store's at that moment.
import type { FeedEvent } from "../../store/types.js";
import { withEvent } from "../held-rows.js";
import type { SnapshotFile } from "./snapshot-file.js";

/** Events since the file's build past which a process stops reading it (the maker merges them in long before). */
export const MAX_SINCE = 200_000;

export class HistoryBase {
  private readonly since = new Map<number, FeedEvent[]>();
  private count = 0;

  constructor(readonly file: SnapshotFile, private readonly maxHistory: number) {}

  /** Takes the events stored since the last call (by id); false once too many are kept: let go of this base. */
  add(events: FeedEvent[]): boolean {
    const last = this.file.header.last;
    for (const e of events) {
      if (e[0] <= last) continue;
      const list = this.since.get(e[1]);
      if (list) list.push(e);
      else this.since.set(e[1], [e]);
      this.count++;
    }
    return this.count <= MAX_SINCE;
  }

  /** The shopper's newest events now, as held rows; undefined when the file cannot be read (retired, cut back). */
  rowsOf(userId: number): Float64Array | undefined {
    let rows = this.file.rowsOf(userId);
    if (!rows) return undefined;
    for (const e of this.since.get(userId) ?? []) rows = withEvent(rows, e, this.maxHistory);
    return rows;
  }
}
