// Keeps item embeddings current while the server runs: after a catalogue write it embeds
// the new or changed texts in the background (never on the request path) and hands the
// vectors to the model in use; on the server's poll it picks up vectors other processes
// wrote. One run at a time; calls during a run cause one more. Both steps go in small
// slices with requests served in between: a batch of 256 texts held the event loop for
// 25 ms, 32 for 7 ms, and adding one item to the model takes ~1.5 ms. While another
// process holds the store's write lock (an import publishing), storing vectors fails with
// store_busy: the run is retried after a growing delay, logged once per busy spell.
import { setImmediate as requestsFirst } from "node:timers/promises";
import type { Store } from "../store/types.js";
import type { Recommender } from "../recommender.js";
import { wordEmbedder, type EmbeddingConfig } from "./word-embedder.js";
import { embedItems } from "./embed-items.js";
import { errorFields, log } from "../platform/logger.js";
import { AppError } from "../errors.js";
import { embeddingQueue } from "../platform/metrics.js";

const EMBED_BATCH = 32;
const SYNC_SLICE = 16;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export class ContentUpdater {
  private running?: Promise<void>;
  private again = false;
  private embedWanted = false;
  /** Delay of the next retry after store_busy; 0 when the last run was not refused. */
  private retryMs = 0;
  private retryTimer?: NodeJS.Timeout;

  constructor(private readonly store: Store, private readonly recommender: Recommender, private readonly config: EmbeddingConfig) {}

  /** Asks for the texts written since to be embedded and added; returns at once. */
  schedule(): void {
    if (this.config.embeddingModel === "none") return;
    this.embedWanted = true;
    this.start();
  }

  /** Asks for the vectors other processes wrote to be added; returns at once. */
  pickUp(): void {
    this.start();
  }

  /** Resolves when no run is pending (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Drops a pending retry (shutdown). */
  stop(): void {
    clearTimeout(this.retryTimer);
  }

  private start(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = undefined));
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      const embed = this.embedWanted;
      this.embedWanted = false;
      try {
        const embedder = embed ? await wordEmbedder(this.config) : undefined;
        if (embedder) await embedItems(this.store, embedder, { batch: EMBED_BATCH, between: requestsFirst, waiting: (n) => embeddingQueue.set(n) });
        while ((await this.recommender.syncContent(SYNC_SLICE)) > 0) await requestsFirst();
        if (embed && this.retryMs) {
          log("info", "item texts embedded after the store was busy");
          this.retryMs = 0;
        }
      } catch (err) {
        if (err instanceof AppError && err.code === "store_busy") this.retryLater(embed);
        else log("error", "embedding new item texts failed; they are retried on the next catalogue write", errorFields(err));
      }
    } while (this.again);
  }

  private retryLater(embed: boolean): void {
    if (this.retryMs === 0) log("warn", "the store is busy (an import or a train): item texts are embedded later");
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs ? 2 * this.retryMs : FIRST_RETRY_MS);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => (embed ? this.schedule() : this.pickUp()), this.retryMs);
    this.retryTimer.unref();
  }
}
