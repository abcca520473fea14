// The service's metrics (prom-client), registered once per process in one registry. In
// `serve --workers N` every worker keeps its own and the primary adds them up on request
// (cluster-metrics.ts); each metric's `aggregator` says how: counters and histograms are
// summed, figures every worker holds alike (the model's) take the largest.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const registry = new Registry();
const registers = [registry];

export const httpRequests = new Counter({
  name: "tuijian_http_requests_total",
  help: "HTTP requests answered, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  registers,
});

export const httpDuration = new Histogram({
  name: "tuijian_http_request_duration_seconds",
  help: "Time from receiving a request to its response, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

const listsServed = new Counter({
  name: "tuijian_lists_served_total",
  help: "Recommendation lists served, personalised (from the shopper's own events) or not",
  labelNames: ["personalized"] as const,
  registers,
});

const listItems = new Counter({
  name: "tuijian_list_items_total",
  help: "Items in the recommendation lists served, by the type of reason given for each",
  labelNames: ["reason"] as const,
  registers,
});

const eventsIngested = new Counter({
  name: "tuijian_events_ingested_total",
  help: "Events stored through the API, by type (duplicates of a stored event_id not counted)",
  labelNames: ["type"] as const,
  registers,
});

const storeErrors = new Counter({
  name: "tuijian_store_errors_total",
  help: "Requests refused because the store was busy (store_busy) or unreachable (store_unavailable)",
  labelNames: ["code"] as const,
  registers,
});

const listCacheRequests = new Counter({
  name: "tuijian_list_cache_requests_total",
  help: "Lists asked of the list cache: served again (hit), made and kept (miss), or made and not kept (bypass: explained, buy_again, interleaved, a known shopper without events); anonymous shoppers' shared lists included",
  labelNames: ["outcome"] as const,
  registers,
});

const listsWarmed = new Counter({
  name: "tuijian_list_cache_warmed_total",
  help: "Lists made again in the background when a new model loaded, so that returning shoppers' next views are hits (listCacheWarmup)",
  registers,
});

const sharedLists = new Counter({
  name: "tuijian_shared_lists_total",
  help: "Lists shared between the serving processes of one machine (sharedListCacheMb): written for the others (written), too large for a slot (too_large), taken from another process on a miss of this one's cache (taken: counted as hits)",
  labelNames: ["outcome"] as const,
  registers,
});

const historyReads = new Counter({
  name: "tuijian_history_reads_total",
  help: "Shoppers' recent histories a serving process read to hold them: from the machine's shared histories (shared: sharedHistoryMb) or from the store (store)",
  labelNames: ["source"] as const,
  registers,
});

let listCacheSize: () => number = () => 0;
let keepingAll: () => boolean = () => true;
let held: () => { historyEvents: number; shopperIds: number } = () => ({ historyEvents: 0, shopperIds: 0 });

/** Where the gauges read how many lists the list cache keeps (and whether it keeps every one made), and how many events of shoppers' histories and shoppers' ids are held. */
export function observeListCache(lists: () => number, keepsAll: () => boolean, heldInMemory: typeof held): void {
  listCacheSize = lists;
  keepingAll = keepsAll;
  held = heldInMemory;
}

new Gauge({
  name: "tuijian_list_cache_entries",
  help: "Lists the serving processes keep until something that shaped them changes (summed over workers)",
  registers,
  collect() {
    this.set(listCacheSize());
  },
});

new Gauge({
  name: "tuijian_list_cache_keeping_all",
  help: "Serving processes keeping every list they make for known shoppers; the others keep one in 8 while few kept lists are served again (listCacheMinReusePercent)",
  registers,
  collect() {
    this.set(keepingAll() ? 1 : 0);
  },
});

new Gauge({
  name: "tuijian_held_history_events",
  help: "Events of shoppers' recent histories the serving processes hold in memory, current with the store (summed over workers; historyCacheEvents bounds each)",
  registers,
  collect() {
    this.set(held().historyEvents);
  },
});

new Gauge({
  name: "tuijian_held_shopper_ids",
  help: "Shoppers' ids the serving processes hold in memory (summed over workers; shopperIdCache bounds each)",
  registers,
  collect() {
    this.set(held().shopperIds);
  },
});

export const embeddingQueue = new Gauge({
  name: "tuijian_embedding_queue",
  help: "Item texts waiting to be embedded by the background job after catalogue writes",
  aggregator: "max",
  registers,
});

/**
 * A counter's children by label value, bound on first use: counting on the request path
 * is then one Map lookup, where counter.inc(labels) would hash a labels object each time.
 */
function bound(counter: Counter<string>): (value: string) => Counter.Internal {
  const children = new Map<string, Counter.Internal>();
  return (value) => {
    let child = children.get(value);
    if (!child) children.set(value, (child = counter.labels(value)));
    return child;
  };
}

const listsBy = { personal: listsServed.labels("true"), general: listsServed.labels("false") };
const itemsBy = bound(listItems);
const eventsBy = bound(eventsIngested);
const storeErrorsBy = bound(storeErrors);

/** A list served: whether it is personal, and its items' reason types in order. */
export function countList(personalized: boolean, reasons: readonly string[]): void {
  (personalized ? listsBy.personal : listsBy.general).inc();
  // A list's reasons come in runs of one type: one increment a run.
  for (let i = 0, run = 1; i < reasons.length; i++, run++) {
    const type = reasons[i];
    if (reasons[i + 1] === type) continue;
    itemsBy(type).inc(run);
    run = 0;
  }
}

export const countEvent = (type: string): void => eventsBy(type).inc();

export const countStoreError = (code: string): void => storeErrorsBy(code).inc();

export type ListCacheOutcome = "hit" | "miss" | "bypass";
const listCacheBy = bound(listCacheRequests);
export const countListCache = (outcome: ListCacheOutcome): void => listCacheBy(outcome).inc();
export const countListWarmed = (): void => listsWarmed.inc();
const sharedBy = bound(sharedLists);
export const countSharedList = (outcome: "written" | "too_large" | "taken"): void => sharedBy(outcome).inc();
const historyReadsBy = bound(historyReads);
export const countHistoryRead = (source: "shared" | "store"): void => historyReadsBy(source).inc();

/** What the metrics show of the model in use. */
export interface ModelFigures {
  version: string;
  createdAt: number;
  loadSeconds: number;
  trainSeconds?: number;
  /** Validation figures of the fit at training (recall, coverage, …). */
  validation: Record<string, number>;
}

let currentModel: () => ModelFigures | undefined = () => undefined;

/** Where the model gauges read the model in use, at each collection. */
export function observeModel(source: () => ModelFigures | undefined): void {
  currentModel = source;
}

/**
 * A gauge labelled with the model version and recomputed at each collection, so that a
 * switched-out version disappears; across workers the largest value per version is shown
 * (two versions appear while workers switch).
 */
function modelGauge(name: string, help: string, values: (m: ModelFigures) => [Record<string, string>, number][], labelNames: string[] = []): void {
  new Gauge({
    name, help, labelNames: ["version", ...labelNames], aggregator: "max", registers,
    collect() {
      this.reset();
      const m = currentModel();
      if (m) for (const [labels, value] of values(m)) this.set({ version: m.version, ...labels }, value);
    },
  });
}

modelGauge("tuijian_model_info", "The model version in use (1)", () => [[{}, 1]]);
modelGauge("tuijian_model_created_timestamp_seconds", "When the model in use was trained (Unix time)", (m) => [[{}, m.createdAt / 1000]]);
modelGauge("tuijian_model_age_seconds", "How long ago the model in use was trained", (m) => [[{}, (Date.now() - m.createdAt) / 1000]]);
modelGauge("tuijian_model_load_seconds", "How long loading and checking the model in use took", (m) => [[{}, m.loadSeconds]]);
modelGauge("tuijian_model_training_seconds", "How long training the model in use took", (m) => (m.trainSeconds === undefined ? [] : [[{}, m.trainSeconds]]));
modelGauge("tuijian_model_validation", "Validation figures of the model in use, fitted at training on held-out recent events", (m) =>
  Object.entries(m.validation).map(([figure, value]) => [{ figure }, value]), ["figure"],
);

let processMetrics = false;

/** Memory, CPU, event-loop lag, GC: only where something serves them (not in CLI jobs). */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}
