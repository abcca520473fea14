// The checkpointer's thread (checkpointer.ts): its own connection, a checkpoint every `everyMs`.
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { checkpoint } from "./checkpointer.js";

const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new Database(file, { fileMustExist: true });
setInterval(() => checkpoint(db), everyMs);
