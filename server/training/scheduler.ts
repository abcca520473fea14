// Training on a schedule while serving (`serve --train-every 6h`, `--train-after-events N`):
// the process that prepared the store (the primary of several workers) checks every
// minute whether the model is due, and runs `tuijian train` as a child process — never in a
// serving process, whose requests it would stall. The child takes the store's train lease,
// so hosts sharing a store train one at a time; a new model reaches every worker through
// the registry, as a hand-run train's does. Each run's outcome is counted in the metrics
// and kept in the audit log (action train.scheduled, with the output's tail on failure),
// where the dashboard reads it.
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Store } from "../store/types.js";
import type { ModelRegistry } from "../model-registry.js";
import { leaseHolder, TRAIN_LEASE } from "./train-lease.js";
import { projectRoot } from "../project-root.js";
import { errorFields, log } from "../platform/logger.js";
import { countScheduledTrain, scheduledTrainRunning } from "../platform/schedule-metrics.js";

/** The audit action of a scheduled train's outcome. */
export const SCHEDULED_TRAIN = "train.scheduled";

const CHECK_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

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
  const interval = Math.min(CHECK_MS, Math.max(1000, config.trainEvery / 10 || CHECK_MS));
  let running = false;
  // After failures in a row, wait 1, 2, 4 … checks (at most an hour) before trying again:
  // a train that keeps failing must not take the machine's CPU every minute.
  let failures = 0;
  let notBefore = 0;
  const check = async () => {
    if (running || Date.now() < notBefore) return;
    try {
      const why = await trainDue(config, store, registry);
      if (!why || (await store.leases.holder(TRAIN_LEASE))) return;
      running = true;
      scheduledTrainRunning.set(1);
      const { pid, exit } = runTrain(config);
      log("info", "scheduled train started", { why, pid });
      const run = await exit;
      // A train killed while it held the lease (a crash, OOM) would keep every train out until
      // the lease expires (10 min); the child is gone, so its lease goes with it.
      if (pid !== undefined) await store.leases.release(TRAIN_LEASE, leaseHolder(pid));
      const succeeded = run.code === 0;
      const version = succeeded ? registry.current() : undefined;
      countScheduledTrain(succeeded ? "succeeded" : "failed", run.seconds);
      failures = succeeded ? 0 : failures + 1;
      notBefore = failures === 0 ? 0 : Date.now() + Math.min(MAX_BACKOFF_MS, interval * 2 ** (failures - 1));
      log(succeeded ? "info" : "error", "scheduled train finished", { ...run, version: version ?? registry.current() });
      const details = { why, outcome: succeeded ? "succeeded" : "failed", exit_code: run.code, signal: run.signal, seconds: run.seconds, ...(succeeded ? {} : { output: run.output }) };
      await store.transaction((tx) => tx.audit.append("scheduler", SCHEDULED_TRAIN, version ?? null, details));
    } catch (err) {
      log("error", "scheduled train check failed; it runs again within a minute", errorFields(err));
    } finally {
      running = false;
      scheduledTrainRunning.set(0);
    }
  };
  const timer = setInterval(() => void check(), interval);
  timer.unref();
  return timer;
}

interface TrainRun {
  code: number | null;
  /** The signal that ended the child, if one did (a crash, a kill). */
  signal: NodeJS.Signals | null;
  seconds: number;
  /** The tail of its output when it failed. */
  output: string;
}

/** `tuijian train` on the same store and models folder; settings come through the environment. */
function runTrain(config: Config): { pid: number | undefined; exit: Promise<TrainRun> } {
  const started = Date.now();
  const args = [join(projectRoot(), "dist", "server", "cli.js"), "train", "--data-dir", config.dataDir];
  if (config.store) args.push("--store", config.store);
  if (config.modelsDir) args.push("--models-dir", config.modelsDir);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d).slice(-4000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exit = new Promise<TrainRun>((done) =>
    child.on("close", (code, signal) => done({ code, signal, seconds: Math.round((Date.now() - started) / 1000), output: code === 0 ? "" : output })));
  return { pid: child.pid, exit };
}
