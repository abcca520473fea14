// Every list /recommend serves is kept for attribution (recommendation id, shopper,
// placement, variant, model version, items in their places), written off the request
// path: lists gather in memory and go to the store in one batch a second, or sooner once
// many have gathered. A batch the store refuses (busy, unreachable) is kept for the next
// try, up to a bound past which the oldest are dropped and counted, never slowing serving.
import type { ServedList } from "../store/types.js";
import type { ServedSink } from "./served-sink.js";
import { errorFields, log } from "../platform/logger.js";

export interface RecorderOptions {
  flushMs?: number;
  /** A batch goes at once when this many lists have gathered. */
  batch?: number;
  /** At most this many lists wait; past it the oldest are dropped. */
  maxPending?: number;
}

export class ServedRecorder {
  private pending: ServedList[] = [];
  private flushing?: Promise<void>;
  private readonly timer: NodeJS.Timeout;
  /** Lists dropped because the store refused them for too long. */
  dropped = 0;

  constructor(private readonly sink: ServedSink, private readonly opts: RecorderOptions = {}) {
    this.timer = setInterval(() => void this.flush(), opts.flushMs ?? 1000);
    this.timer.unref();
  }

  record(list: ServedList): void {
    this.pending.push(list);
    const max = this.opts.maxPending ?? 100_000;
    if (this.pending.length > max) this.dropped += this.pending.splice(0, this.pending.length - max).length;
    if (this.pending.length >= (this.opts.batch ?? 2000)) void this.flush();
  }

  /**
   * Writes every list recorded before the call. A write under way (the timer's, begun
   * before some of them were recorded) is waited for first; one write at a time.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  /** Writes what is left, stops the timer and the sink. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.sink.close();
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.sink.append(batch);
    } catch (err) {
      this.pending = [...batch, ...this.pending];
      log("warn", "served lists not recorded yet; retrying", { lists: batch.length, ...errorFields(err) });
    }
  }
}
