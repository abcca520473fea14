// A batch worker thread: its own store connection and WASM core, the pinned model
// version, and chunks of users in, encoded output out.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config.js";
import { openRuntime } from "../runtime.js";
import { scoreChunk, type ChunkJob } from "./score-chunk.js";

const { config, version, job } = workerData as { config: Config; version: string; job: ChunkJob };
// Each shopper is scored once: holding their histories would only cost.
const rt = await openRuntime({ ...config, historyCacheEvents: 0 });
await rt.recommender.refresh(version);

parentPort!.on("message", async (msg: { chunk: number; users: string[] }) => {
  const data = await scoreChunk(rt, msg.users, job);
  parentPort!.postMessage({ chunk: msg.chunk, data }, [data.buffer as ArrayBuffer]);
});
