// Test fixtures: a fresh data directory (and store) per test and a small shop whose
// co-purchase structure is known, built through the real store, importer, trainer and
// registry. With TUIJIAN_TEST_STORE=postgres (and TUIJIAN_TEST_POSTGRES, a server's URL)
// every test's store is a schema of its own on that server: the suite runs on either backend.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach } from "vitest";
import { loadConfig, type Config } from "../server/config.js";
import { openRuntime, type Runtime } from "../server/runtime.js";
import { trainModels } from "../server/train.js";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tuijian-test-"));
  dirs.push(dir);
  return dir;
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith(".gz") ? gzipSync(text) : text);
  return path;
}

/** The backend the suite runs on: "sqlite" unless TUIJIAN_TEST_STORE says "postgres". */
export const TEST_BACKEND = process.env.TUIJIAN_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/** A store URL of the test backend: a new PostgreSQL schema, or undefined (SQLite in the data dir). */
export function testStoreUrl(): string | undefined {
  if (TEST_BACKEND === "sqlite") return undefined;
  const server = process.env.TUIJIAN_TEST_POSTGRES;
  if (!server) throw new Error("TUIJIAN_TEST_STORE=postgres needs TUIJIAN_TEST_POSTGRES=<server URL> (bash .ci/postgres.sh start prints one)");
  // A connection waited for longer than a server's 5 s: the suite loads the machine (a demo import and training beside other files' tests).
  return `${server}${server.includes("?") ? "&" : "?"}schema=t_${randomBytes(6).toString("hex")}&connect_timeout=60`;
}

export function testConfig(overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  return loadConfig({}, { dataDir: tempDir(), demo: false, store: testStoreUrl(), ...overrides });
}

/** For what only the SQLite backend does (its lock, its staging file): SQLite whatever the suite runs on. */
export function sqliteConfig(overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  return loadConfig({}, { dataDir: tempDir(), demo: false, ...overrides });
}

/** The flags that point a spawned `tuijian` at the same data directory and store. */
export const storeFlags = (config: Config) => [
  "--data-dir", config.dataDir, ...(config.store ? ["--store", config.store] : []), ...(config.modelsDir ? ["--models-dir", config.modelsDir] : []),
];

/**
 * Two clusters of items bought together: {a1,a2,a3} and {b1,b2,b3}, plus "pop", the
 * best-seller. Users u1..u6 buy two items of cluster a, u7..u12 two of cluster b, and every
 * even-numbered user also buys pop (u1 buys a1 and a3).
 */
export async function smallShop(config = testConfig()): Promise<Runtime> {
  const rt = await openRuntime(config);
  const t0 = Date.parse("2024-01-01T00:00:00Z");
  await rt.catalogue.upsertItems(
    ["a1", "a2", "a3", "b1", "b2", "b3", "pop", "new"].map((id) => ({ id, title: `Item ${id.toUpperCase()}`, price: 10 })),
  );
  const events = [];
  for (let u = 1; u <= 12; u++) {
    const cluster = u <= 6 ? "a" : "b";
    const own = [1, 2, 3].filter((i) => (u + i) % 3 !== 0).map((i) => `${cluster}${i}`);
    if (u % 2 === 0) own.push("pop");
    for (const [k, item] of own.entries()) {
      events.push({ user_id: `u${u}`, item_id: item, type: "purchase" as const, timestamp: t0 + (u * 10 + k) * 60_000 });
    }
  }
  await rt.catalogue.recordEvents(events);
  await trainModels(rt.store, rt.registry, config);
  await rt.recommender.refresh();
  return rt;
}
