// The machine's shared histories (serving/shared-histories/) across the serving
// processes: the process that prepares the store (a cluster's primary, or a single serving
// process) creates the two files and keeps them current; a cluster's workers receive the
// files' descriptors at fork and each build's announcement by message, and answer it once
// they no longer read the file before.
import cluster, { type Worker } from "node:cluster";
import type { Config } from "./config.js";
import type { Store } from "./store/types.js";
import { storeUrl } from "./runtime.js";
import { createHistoryFiles, SharedHistoryFiles, type Announcement } from "./serving/shared-histories/files.js";
import { SharedHistoryMaker } from "./serving/shared-histories/maker.js";
import { errorFields, log } from "./platform/logger.js";

const ASK = "tuijian:histories?";
const ANNOUNCE = "tuijian:histories";
const ANSWER = "tuijian:histories!";
/** Where a worker finds the two files: the primary's stdio entries 5 and 6. */
const WORKER_FDS = [5, 6] as const;
const ENV = "TUIJIAN_SHARED_HISTORIES";

interface Message {
  tuijian?: string;
  a?: Announcement;
}

/** The files, if this configuration and store have shared histories; undefined otherwise, or when they cannot be made. */
export function historyFiles(config: Config): [number, number] | undefined {
  // SQLite's event feed only: PostgreSQL's event ids do not follow commit order (shopper-histories.ts).
  if (config.sharedHistoryMb === 0 || config.historyCacheEvents === 0 || !storeUrl(config).startsWith("sqlite:")) return undefined;
  try {
    return createHistoryFiles();
  } catch (err) {
    log("warn", "no shared histories: no files for them in memory", errorFields(err));
    return undefined;
  }
}

/** The maker of the files, announcing each build through `publish`; not started. */
export function historyMaker(config: Config, store: Store, fds: readonly [number, number], publish: (a: Announcement) => Promise<void>): SharedHistoryMaker {
  return new SharedHistoryMaker({
    file: storeUrl(config).slice("sqlite:".length), fds, maxHistory: config.maxHistory, budget: config.sharedHistoryMb * 2 ** 20,
    head: async () => store.eventFeed!.head(), publish,
  });
}

/** In a cluster's primary: what forks need (the files at stdio 5 and 6, an environment flag), and the maker, announcing to every worker. */
export function primaryHistories(config: Config, store: Store) {
  const fds = historyFiles(config);
  if (!fds) return undefined;
  /** Workers that asked for the announcement (they follow the next ones), and the answer each one owes. */
  const ready = new Set<number>();
  const owed = new Map<number, { generation: number; answered: () => void }>();
  const send = (w: Worker, a: Announcement) => w.send({ tuijian: ANNOUNCE, a });
  const maker = historyMaker(config, store, fds, (a) =>
    Promise.all(
      Object.values(cluster.workers ?? {}).map((w) =>
        !w || !ready.has(w.id) ? undefined : new Promise<void>((answered) => {
          owed.set(w.id, { generation: a.generation, answered });
          send(w, a);
        }),
      ),
    ).then(() => undefined),
  );
  cluster.on("message", (w, m: Message) => {
    if (m?.tuijian === ASK) {
      ready.add(w.id);
      send(w, maker.announcement);
    } else if (m?.tuijian === ANSWER && owed.get(w.id)?.generation === m.a?.generation) {
      owed.get(w.id)!.answered();
      owed.delete(w.id);
    }
  });
  // A worker that exits owes nothing: it reads no file any more.
  cluster.on("exit", (w) => {
    ready.delete(w.id);
    owed.get(w.id)?.answered();
    owed.delete(w.id);
  });
  return { stdio: fds, env: { [ENV]: "1" }, maker };
}

/** In a single serving process: the files it reads itself, and keeps current once its store is prepared (historyMaker). */
export function ownHistories(config: Config): SharedHistoryFiles | undefined {
  const fds = historyFiles(config);
  return fds && new SharedHistoryFiles(fds);
}

/** In a worker: the files its primary shares, following each announcement (none when the primary shares none). */
export function workerHistories(): SharedHistoryFiles | undefined {
  if (process.env[ENV] !== "1") return undefined;
  const files = new SharedHistoryFiles(WORKER_FDS);
  process.on("message", (m: Message) => {
    if (m?.tuijian !== ANNOUNCE || !m.a) return;
    files.offer(m.a);
    if (process.connected) process.send?.({ tuijian: ANSWER, a: m.a });
  });
  if (process.connected) process.send?.({ tuijian: ASK });
  return files;
}
