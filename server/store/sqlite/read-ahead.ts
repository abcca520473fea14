// After a reboot (or on a new machine) the SQLite file is on disk only: each request's id
// and history reads are then random disk reads until the OS page cache holds the pages
// they touch, and random shoppers touch pages all over the file. On the large shop (a
// 3.9 GB file, two workers) misses ran at 2,100–2,650 req/s for the minute after such a
// start, against 2,940–3,480 with the file read ahead (bench/RESULTS.md, stop 27): read
// once, front to back, in the background, it is in the page cache in seconds. Only a file
// that fits comfortably is read: past half of the memory it would push out what the
// machine needs more, and the reads warm the cache as they come.
import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
import { totalmem } from "node:os";

export type ReadAheadResult = { bytes: number; seconds: number; stopped: boolean } | { skipped: string };

export interface ReadAhead {
  /** Resolves when the files are read, stopped, or skipped; never rejects (a failed read is a skip, with its reason). */
  readonly done: Promise<ReadAheadResult>;
  /** Ends the reading after the chunk in flight. */
  stop(): void;
}

const CHUNK = 4 << 20;

/** The memory this process may count on: the machine's, or its container's limit when lower. */
function usableMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, totalmem()) : totalmem();
}

/** Reads the database file and its write-ahead log once, if together they are at most maxBytes. */
export function readAhead(file: string, maxBytes = usableMemory() / 2): ReadAhead {
  let stopped = false;
  const done = (async (): Promise<ReadAheadResult> => {
    const files = [file, `${file}-wal`];
    const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
    const total = sizes[0] + sizes[1];
    if (total > maxBytes) return { skipped: `the store file (${gb(total)}) is more than ${gb(maxBytes)}, half of this machine's memory` };
    const started = performance.now();
    const buffer = Buffer.allocUnsafe(CHUNK);
    let bytes = 0;
    for (const f of files) {
      const handle = await open(f, constants.O_RDONLY).catch(() => undefined);
      if (!handle) continue;
      try {
        while (!stopped) {
          const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
          if (bytesRead === 0) break;
          bytes += bytesRead;
        }
      } finally {
        await handle.close();
      }
    }
    return { bytes, seconds: (performance.now() - started) / 1000, stopped };
  })().catch((err: unknown) => ({ skipped: `reading the store file failed: ${err instanceof Error ? err.message : String(err)}` }));
  return { done, stop: () => void (stopped = true) };
}

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;
