// Keeps item embeddings current while the server runs: after a catalogue write it embeds
// the new or changed texts in the background (never on the request path) and hands the
// vectors to the model in use. One run at a time; writes during a run cause one more.
import type { Store } from "../store/store.js";
import type { Recommender } from "../recommender.js";
import { wordEmbedder, type EmbeddingConfig } from "./word-embedder.js";
import { embedItems } from "./embed-items.js";
import { errorFields, log } from "../log.js";

export class ContentUpdater {
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly store: Store, private readonly recommender: Recommender, private readonly config: EmbeddingConfig) {}

  /** Asks for a run; returns at once. */
  schedule(): void {
    if (this.config.embeddingModel === "none") return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = undefined));
  }

  /** Resolves when no run is pending (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        const embedder = await wordEmbedder(this.config);
        if (embedder) await embedItems(this.store, embedder);
        this.recommender.syncContent();
      } catch (err) {
        log("error", "embedding new item texts failed; they are retried on the next catalogue write", errorFields(err));
      }
    } while (this.again);
  }
}
