// Training on a schedule while serving (`serve --train-every 6h`, `--train-after-events N`):
// the process that prepared the store (the primary of several workers) checks every
// minute whether the model is due, and runs `tuijian train` as a child process — never in a
// serving process, whose requests it would stall. The child takes the store's train lease,
// so hosts sharing a store train one at a time; a new model reaches every worker through
// the registry, as a hand-run train's does.
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Store } from "../store/types.js";
import type { ModelRegistry } from "../model-registry.js";
import { TRAIN_LEASE } from "./train-lease.js";
import { projectRoot } from "../project-root.js";
import { errorFields, log } from "../platform/logger.js";

const CHECK_MS = 60_000;

/** Why the model is due now, or undefined. */
export async function trainDue(config: Pick<Config, "trainEvery" | "trainAfterEvents">, store: Store, registry: ModelRegistry, now = Date.now()): Promise<string | undefined> {
  const version = registry.current();
  if (!version) return (await store.events.count()) > 0 ? "no model yet" : undefined;
  const manifest = registry.manifest(version);
  if (config.trainEvery > 0 && now - Date.parse(manifest.createdAt) >= config.trainEvery) return `model ${version} is older than ${config.trainEvery / 60_000} min`;
  if (config.trainAfterEvents > 0) {
    const fresh = (await store.events.count()) - manifest.stats.events;
    if (fresh >= config.trainAfterEvents) return `${fresh} events since model ${version}`;
  }
  return undefined;
}

export function scheduleTraining(config: Config, store: Store, registry: ModelRegistry): NodeJS.Timeout | undefined {
  if (config.trainEvery <= 0 && config.trainAfterEvents <= 0) return undefined;
  let running = false;
  const check = async () => {
    if (running) return;
    try {
      const why = await trainDue(config, store, registry);
      if (!why || (await store.leases.holder(TRAIN_LEASE))) return;
      running = true;
      log("info", "scheduled train starting", { why });
      const outcome = await runTrain(config);
      log(outcome.code === 0 ? "info" : "error", "scheduled train finished", { ...outcome, version: registry.current() });
    } catch (err) {
      log("error", "scheduled train check failed; it runs again within a minute", errorFields(err));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), Math.min(CHECK_MS, Math.max(1000, config.trainEvery / 10 || CHECK_MS)));
  timer.unref();
  return timer;
}

/** `tuijian train` on the same store and models folder; settings come through the environment. */
function runTrain(config: Config): Promise<{ code: number | null; seconds: number; output: string }> {
  const started = Date.now();
  const args = [join(projectRoot(), "dist", "server", "cli.js"), "train", "--data-dir", config.dataDir];
  if (config.store) args.push("--store", config.store);
  if (config.modelsDir) args.push("--models-dir", config.modelsDir);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d).slice(-4000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return new Promise((done) => child.on("exit", (code) => done({ code, seconds: Math.round((Date.now() - started) / 1000), output: code === 0 ? "" : output })));
}
