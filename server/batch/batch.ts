// `tuijian batch`: every (or every listed) user's top n, written to a file by a pool of
// worker threads. Chunks are written in order; after each, a checkpoint beside the
// output records how many chunks and bytes are complete, so an interrupted run resumes
// where it stopped (the output is cut back to the last complete chunk first).
import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { Config } from "../config.js";
import { openRuntime } from "../runtime.js";
import { AppError } from "../errors.js";
import { log } from "../platform/logger.js";
import { ModelsRejected } from "../model-registry.js";
import { silentProgress, type MakeProgress } from "../platform/progress.js";
import { CSV_HEADER, formatFor } from "./output.js";
import { scoreChunk, type ChunkJob } from "./score-chunk.js";
import { gzipSync } from "node:zlib";

export interface BatchOptions {
  out: string;
  n: number;
  includePurchased: boolean;
  /** Users to score (external ids); all users of the store when undefined. */
  users?: string[];
  usersSource: string;
  /** Worker threads; 0 scores in this thread. */
  workers: number;
  chunkSize: number;
}

export interface BatchSummary {
  out: string;
  modelVersion: string;
  users: number;
  resumedFromUser: number;
  seconds: number;
  usersPerSecond: number;
}

interface Checkpoint {
  modelVersion: string;
  n: number;
  includePurchased: boolean;
  usersSource: string;
  totalUsers: number;
  chunkSize: number;
  chunksDone: number;
  bytes: number;
}

export async function runBatch(config: Config, opts: BatchOptions, makeProgress: MakeProgress = silentProgress): Promise<BatchSummary> {
  const { format, gzip } = formatFor(opts.out);
  const rt = await openRuntime(config);
  // The version a server would serve: CURRENT, or the newest older one if CURRENT fails its checks.
  const { version: modelVersion, failed } = rt.registry.loadNewestIntact(rt.store.id);
  if (failed.length > 0) log("warn", new ModelsRejected(failed, modelVersion).message);
  if (!modelVersion) {
    const why = failed.length > 0 ? "no model passes its checks" : "no trained model";
    throw new AppError(409, "model_not_ready", `${why}: run \`tuijian train\` first`);
  }
  const users = opts.users ?? (await rt.store.users.allIds());
  const job: ChunkJob = { n: opts.n, includePurchased: opts.includePurchased, format, gzip };
  const settings = { modelVersion, n: opts.n, includePurchased: opts.includePurchased, usersSource: opts.usersSource, totalUsers: users.length, chunkSize: opts.chunkSize };

  const checkpointFile = `${opts.out}.progress.json`;
  let done = { chunksDone: 0, bytes: 0 };
  if (existsSync(checkpointFile)) {
    const saved = JSON.parse(readFileSync(checkpointFile, "utf8")) as Checkpoint;
    const differs = (Object.keys(settings) as (keyof typeof settings)[]).filter((k) => saved[k] !== settings[k]);
    if (differs.length) {
      throw new AppError(409, "batch_mismatch", `${checkpointFile} belongs to a run with other ${differs.join(", ")}: delete it (and ${opts.out}) to start over`);
    }
    done = { chunksDone: saved.chunksDone, bytes: saved.bytes };
  } else if (existsSync(opts.out)) {
    throw new AppError(409, "output_exists", `${opts.out} exists: delete it or choose another file`);
  }

  const fd = openSync(opts.out, existsSync(opts.out) ? "r+" : "w");
  const started = performance.now();
  const totalChunks = Math.ceil(users.length / opts.chunkSize);
  const resumedFromUser = Math.min(users.length, done.chunksDone * opts.chunkSize);
  const bar = makeProgress(`batch (model ${modelVersion})`, "users", { total: users.length - resumedFromUser });
  try {
    ftruncateSync(fd, done.bytes);
    let bytes = done.bytes;
    const append = (data: Uint8Array) => {
      writeSync(fd, data, 0, data.length, bytes);
      bytes += data.length;
    };
    if (bytes === 0 && format === "csv") append(gzip ? gzipSync(CSV_HEADER) : Buffer.from(CSV_HEADER));

    let next = done.chunksDone;
    const onChunk = makeOrderedWriter(next, (chunk, data) => {
      append(data);
      next = chunk + 1;
      fdatasyncSync(fd);
      writeCheckpoint(checkpointFile, { ...settings, chunksDone: next, bytes });
      const scored = Math.min(users.length, next * opts.chunkSize) - resumedFromUser;
      bar.tick(scored, users.length - resumedFromUser);
    });
    const chunkUsers = (c: number) => users.slice(c * opts.chunkSize, (c + 1) * opts.chunkSize);
    if (opts.workers === 0) {
      await rt.recommender.refresh(modelVersion);
      for (let c = done.chunksDone; c < totalChunks; c++) onChunk(c, await scoreChunk(rt, chunkUsers(c), job));
    } else {
      await inWorkers(config, modelVersion, job, opts.workers, done.chunksDone, totalChunks, chunkUsers, onChunk);
    }
    rmSync(checkpointFile, { force: true });
  } finally {
    closeSync(fd);
    await rt.close();
  }
  const scored = users.length - resumedFromUser;
  const seconds = (performance.now() - started) / 1000;
  bar.done(scored);
  return { out: opts.out, modelVersion, users: users.length, resumedFromUser, seconds, usersPerSecond: Math.round(scored / seconds) };
}

/** Calls write(chunk, data) for chunks in order, holding back those that arrive early. */
function makeOrderedWriter(first: number, write: (chunk: number, data: Uint8Array) => void) {
  const early = new Map<number, Uint8Array>();
  let next = first;
  return (chunk: number, data: Uint8Array) => {
    early.set(chunk, data);
    while (early.has(next)) {
      const d = early.get(next)!;
      early.delete(next);
      write(next, d);
      next++;
    }
  };
}

function writeCheckpoint(file: string, c: Checkpoint): void {
  writeFileSync(file + ".tmp", JSON.stringify(c));
  renameSync(file + ".tmp", file);
}

async function inWorkers(
  config: Config, version: string, job: ChunkJob, count: number,
  first: number, total: number, chunkUsers: (c: number) => string[],
  onChunk: (chunk: number, data: Uint8Array) => void,
): Promise<void> {
  const pool = Array.from({ length: Math.max(1, Math.min(count, total - first)) }, () =>
    new Worker(new URL("./worker.js", import.meta.url), { workerData: { config, version, job } }),
  );
  let nextChunk = first;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (nextChunk >= total) return resolve();
              const chunk = nextChunk++;
              worker.postMessage({ chunk, users: chunkUsers(chunk) });
            };
            worker.on("message", (msg: { chunk: number; data: Uint8Array }) => {
              try {
                onChunk(msg.chunk, msg.data);
                feed();
              } catch (err) {
                reject(err);
              }
            });
            worker.once("error", reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
