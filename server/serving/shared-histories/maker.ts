// Keeps the shared histories' file current (one process of a machine does: the cluster's
// primary, or a single serving process): built afresh at start, then every stored event
// since merged in by turns into the other file — every 30 s while events come, within 5 s
// once 50,000 have — and each build announced to the serving processes, which between two
// builds apply the events stored since themselves (base.ts). Deleted events (an erasure,
// retention) end the file's use at once: nobody reads it, its bytes go, and it is built
// afresh from the store.
import { ftruncateSync } from "node:fs";
import type { FeedHead } from "../../store/types.js";
import { errorFields, log } from "../../platform/logger.js";
import { build, type BuildJob } from "./build.js";
import type { Announcement } from "./files.js";
import type { SnapshotHeader } from "./format.js";

const POLL_MS = 5_000;
const MERGE_EVERY_MS = 30_000;
const MERGE_SOON_EVENTS = 50_000;
const MERGE_SOON_MS = 5_000;
/** More events since the last build than this (an import): build afresh, rather than hold them all in memory to merge them. */
const MAX_MERGE_EVENTS = 1_000_000;
/** After a failed build afresh (a full /dev/shm), the next try. */
const RETRY_MS = 10 * 60_000;

export interface MakerOptions {
  /** The SQLite store's file. */
  file: string;
  fds: readonly [number, number];
  maxHistory: number;
  /** Bytes a file may take: past it, no file is made (sharedHistoryMb). */
  budget: number;
  /** Where the stored events end now. */
  head(): Promise<FeedHead | undefined>;
  /** Tells every serving process; resolves once none reads the file announced before. */
  publish(a: Announcement): Promise<void>;
  /** Least time between two merges while events come (30 s). */
  mergeEveryMs?: number;
}

export class SharedHistoryMaker {
  private current?: { header: SnapshotHeader; slot: 0 | 1; at: number };
  private generation = 0;
  private busy?: Promise<void>;
  private failedAt = -Infinity;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly opts: MakerOptions) {}

  /** The announcement that holds now (a process that starts later asks for it). */
  get announcement(): Announcement {
    return this.current ? { generation: this.current.header.generation, slot: this.current.slot } : { generation: 0 };
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  /** No more builds; resolves when the one under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.busy;
  }

  /** One check, and the build it calls for; resolves when that build is announced. */
  tick(): Promise<void> {
    if (this.busy || this.stopped) return this.busy ?? Promise.resolve();
    this.busy = this.step()
      .catch((err: unknown) => log("error", "shared histories not built", errorFields(err)))
      .finally(() => (this.busy = undefined));
    return this.busy;
  }

  private async step(): Promise<void> {
    const head = await this.opts.head();
    if (!head) return;
    const now = Date.now();
    const cur = this.current;
    if (cur && head.deletions !== cur.header.deletions) {
      await this.withdraw();
    } else if (cur) {
      const behind = head.last - cur.header.last;
      const every = this.opts.mergeEveryMs ?? MERGE_EVERY_MS;
      if (behind === 0 || now - cur.at < (behind >= MERGE_SOON_EVENTS ? Math.min(every, MERGE_SOON_MS) : every)) return;
    } else if (now - this.failedAt < RETRY_MS) {
      return;
    }
    await this.build(!!this.current && head.last - this.current.header.last <= MAX_MERGE_EVENTS);
  }

  /** Nobody reads the files from now on, and their bytes go. */
  private async withdraw(): Promise<void> {
    await this.opts.publish({ generation: 0 });
    this.current = undefined;
    for (const fd of this.opts.fds) ftruncateSync(fd, 0);
  }

  /** @param merge from the current file and the events since; else afresh from the store. */
  private async build(merge: boolean): Promise<void> {
    const { file, fds, maxHistory, budget } = this.opts;
    const previous = this.current;
    const slot = previous ? ((1 - previous.slot) as 0 | 1) : 0;
    const started = performance.now();
    const job: BuildJob = { file, fd: fds[slot], generation: ++this.generation, maxHistory, budget };
    let result = await build(previous && merge ? { ...job, previous: { fd: fds[previous.slot], generation: previous.header.generation } } : job);
    const merged = !!previous && merge && !("merge" in result);
    if ("merge" in result) result = await build(job);
    if (!("built" in result)) {
      ftruncateSync(fds[slot], 0);
      if (!previous || ("tooLarge" in result && result.tooLarge)) {
        if (previous) await this.withdraw();
        this.failedAt = Date.now();
      }
      log("warn", "shared histories not built: serving processes read new shoppers' events from the store", { reason: "error" in result ? result.error : "no merge" });
      return;
    }
    if (this.stopped) return;
    const { header, shoppers, bytes } = result.built;
    await this.opts.publish({ generation: header.generation, slot });
    this.current = { header, slot, at: Date.now() };
    if (previous) ftruncateSync(fds[previous.slot], 0);
    const fields = { shoppers, mb: +(bytes / 2 ** 20).toFixed(1), lastEvent: header.last, seconds: +((performance.now() - started) / 1000).toFixed(2) };
    log(merged ? "debug" : "info", "shared histories built", fields);
  }
}
