// `tuijian eval`: trains the production ranker — the code path and settings that serve
// /recommend — on a train file alone, in a throw-away store, then measures its lists
// and the popularity list on a test file with the protocol of models/metrics.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "./config.js";
import { openRuntime } from "./runtime.js";
import { importSources, type ImportKind, type NamedSource } from "./import/importer.js";
import { readRecords } from "./import/record-source.js";
import { train } from "./train.js";
import { silentProgress, type Progress } from "./platform/progress.js";
import { MetricsAccumulator, type RankingMetrics } from "../models/metrics.js";
import { evaluateColdItems, type ColdItemReport } from "./evaluate-cold.js";
import { intraListDiversity, type Diversity } from "./serving/diversity.js";
import { evaluatePlacements, type PlacementReport, type TestRow } from "./evaluation/placements.js";
import { timestamp } from "./inputs.js";
import type { ModelParams } from "../models/manifest.js";

/** Distinct items each shopper bought in the test period (external ids), and the rows with their times. */
export interface TestSet {
  name: string;
  byUser: Map<string, Set<string>>;
  rows?: TestRow[];
}

export interface EvalOptions {
  train: NamedSource;
  test: TestSet;
  items?: NamedSource;
  k: number;
  /** Also rank, for each shopper, only the items first bought in the test period. */
  coldItems?: boolean;
  /** Also measure the lists diversified so (serving/diversity.ts), against the plain ones. */
  diversity?: Diversity;
  /** Also measure the placements where the split fits their protocol (evaluation/placements.ts). */
  placements?: boolean;
}

/** The ranker's lists with a diversity setting and without, each with its mean intra-list diversity (text vectors; none without them). */
export interface DiversityReport {
  setting: Diversity;
  off: RankingMetrics & { ild?: number };
  on: RankingMetrics & { ild?: number };
}

export interface EvalReport {
  k: number;
  train: { file: string; events: number; users: number; items: number; rejectedRows: number };
  test: { file: string; users: number; evaluatedUsers: number };
  ranker: RankingMetrics;
  popularity: RankingMetrics;
  model: { version: string; params: ModelParams };
  timings: { importMs: number; trainMs: number; scoreMs: number; usersPerSecond: number };
  coldItems?: ColdItemReport;
  diversity?: DiversityReport;
  placements?: PlacementReport;
}

export async function evaluate(opts: EvalOptions, config: Config, progress: (label: string) => Progress = silentProgress): Promise<EvalReport> {
  const dir = mkdtempSync(join(tmpdir(), "tuijian-eval-"));
  const rt = await openRuntime({ ...config, dataDir: dir, demo: false, store: undefined, modelsDir: undefined });
  try {
    let t = Date.now();
    const sources: Partial<Record<ImportKind, NamedSource>> = { events: opts.train };
    if (opts.items) sources.items = opts.items;
    const imported = await importSources(rt.store, sources, { progress, maxErrors: Number.MAX_SAFE_INTEGER });
    const importMs = Date.now() - t;

    t = Date.now();
    const manifest = await train(rt.store, rt.registry, config, progress);
    const trainMs = Date.now() - t;
    await rt.recommender.refresh();

    const testItems = opts.test.byUser;
    const trainItems = new Set(await rt.store.events.itemsWithEvents());
    const ranker = new MetricsAccumulator<number>(opts.k, trainItems.size);
    const popularity = new MetricsAccumulator<number>(opts.k, trainItems.size);
    const diverse = new MetricsAccumulator<number>(opts.k, trainItems.size);
    const ild = { off: new Mean(), on: new Mean() };
    const vectorOf = rt.recommender.traits().vectorOf;
    let scoreMs = 0;
    for (const [user, items] of testItems) {
      const userId = await rt.store.users.idOf(user);
      if (userId === undefined) continue;
      const seen = await rt.store.events.interactedItems(userId);
      const seenSet = new Set(seen);
      const relevant = new Set<number>();
      for (const ext of items) {
        const id = await rt.store.items.idOf(ext);
        if (id !== undefined && trainItems.has(id) && !seenSet.has(id)) relevant.add(id);
      }
      if (relevant.size === 0) continue;
      const started = performance.now();
      const list = await rt.recommender.rank(userId, opts.k, seen);
      scoreMs += performance.now() - started;
      ranker.add(Array.from(list.items), relevant);
      if (opts.diversity) {
        const other = await rt.recommender.rank(userId, opts.k, seen, { diversity: opts.diversity });
        diverse.add(other.items, relevant);
        ild.off.add(intraListDiversity(list.items, vectorOf));
        ild.on.add(intraListDiversity(other.items, vectorOf));
      }
      popularity.add(Array.from((await rt.recommender.rank(userId, opts.k, seen, { personal: false })).items), relevant);
    }
    const r = ranker.result();
    return {
      k: opts.k,
      train: {
        file: opts.train.name,
        events: manifest.stats.events,
        users: manifest.stats.users,
        items: trainItems.size,
        rejectedRows: imported.sources.reduce((s, x) => s + x.rejected, 0),
      },
      test: { file: opts.test.name, users: testItems.size, evaluatedUsers: r.users },
      ranker: r,
      popularity: popularity.result(),
      model: { version: manifest.version, params: manifest.params },
      timings: { importMs, trainMs, scoreMs: Math.round(scoreMs), usersPerSecond: Math.round(r.users / (scoreMs / 1000)) },
      coldItems: opts.coldItems ? await evaluateColdItems(rt, testItems, trainItems, opts.k) : undefined,
      placements: opts.placements ? await evaluatePlacements(rt, opts.test.rows ?? [], trainItems, opts.k) : undefined,
      diversity: opts.diversity && { setting: opts.diversity, off: { ...r, ild: ild.off.value }, on: { ...diverse.result(), ild: ild.on.value } },
    };
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}


/** Distinct test items per shopper (external ids); rows without both ids are skipped. */
export async function readTestFile(file: string): Promise<TestSet> {
  const byUser = new Map<string, Set<string>>();
  const rows: TestRow[] = [];
  for await (const rec of readRecords(file)) {
    const user = String(rec.fields?.user_id ?? "").trim();
    const item = String(rec.fields?.item_id ?? "").trim();
    if (!user || !item) continue;
    const ts = timestamp.safeParse(rec.fields?.timestamp);
    if (ts.success) rows.push({ user, item, ts: ts.data });
    let set = byUser.get(user);
    if (!set) byUser.set(user, (set = new Set()));
    set.add(item);
  }
  return { name: file, byUser, rows };
}

/** A mean of the values given (undefined ones skipped). */
class Mean {
  private sum = 0;
  private count = 0;

  add(x: number | undefined): void {
    if (x === undefined) return;
    this.sum += x;
    this.count++;
  }

  get value(): number | undefined {
    return this.count > 0 ? this.sum / this.count : undefined;
  }
}
