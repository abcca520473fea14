// The two files of shared histories a machine's serving processes read (maker.ts builds
// them by turns): the maker announces each build, and every process reads only the
// announced one from then on, so the other can be rewritten once all have answered.
import { unlinkedFile } from "../shared-slots.js";
import { SnapshotFile } from "./snapshot-file.js";

/** Which file holds the newest build; generation 0: none (the processes read the store). */
export type Announcement = { generation: number; slot: 0 | 1 } | { generation: 0 };

export class SharedHistoryFiles {
  private file?: SnapshotFile;

  constructor(readonly fds: readonly [number, number]) {}

  /** Reads only the announced build from now on (the one before is never read again). */
  offer(a: Announcement): void {
    this.file?.retire();
    this.file = "slot" in a ? SnapshotFile.open(this.fds[a.slot], a.generation) : undefined;
  }

  current(): SnapshotFile | undefined {
    return this.file;
  }
}

/** The two files, empty, in memory and unlinked: they go with the last process that holds them, a crash included. */
export function createHistoryFiles(): [number, number] {
  return [unlinkedFile("histories"), unlinkedFile("histories")];
}
