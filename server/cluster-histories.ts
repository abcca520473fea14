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
/** How long a worker may take to answer an announcement (a few milliseconds when it is well). */
const ANSWER_TIMEOUT_MS = 60_000;

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
  /** Workers that asked for the announcement (they follow the next ones). */
  const ready = new Set<number>();
  const answers = new OwedAnswers();
  const maker = historyMaker(config, store, fds, (a) =>
    Promise.all(Object.values(cluster.workers ?? {}).map((w) => (w && ready.has(w.id) ? answers.ask(w, a) : undefined))).then(() => undefined),
  );
  cluster.on("message", (w, m: Message) => {
    if (m?.tuijian === ASK) {
      ready.add(w.id);
      w.send({ tuijian: ANNOUNCE, a: maker.announcement });
    } else if (m?.tuijian === ANSWER && m.a) {
      answers.answered(w.id, m.a.generation);
    }
  });
  cluster.on("exit", (w) => {
    ready.delete(w.id);
    answers.exited(w.id);
  });
  return { stdio: fds, env: { [ENV]: "1" }, maker };
}

/** The part of a cluster worker the primary's announcements use. */
export type AnnouncedWorker = Pick<Worker, "id" | "send"> & { process: Pick<Worker["process"], "kill" | "pid"> };

/**
 * The answers the primary awaits, one a worker for each announcement: the file announced
 * before may be rewritten only once no worker reads it. A worker still owing one after
 * `timeoutMs` is hung — it serves no request either — and would hold back every later
 * build and an erasure's withdrawal: it is killed (the primary replaces it), and owes
 * nothing once it has exited.
 */
export class OwedAnswers {
  private readonly owed = new Map<number, { generation: number; answered: () => void; timer: NodeJS.Timeout }>();

  constructor(private readonly timeoutMs = ANSWER_TIMEOUT_MS) {}

  /** Sends the announcement; resolves when the worker answers it or has exited. */
  ask(w: AnnouncedWorker, a: Announcement): Promise<void> {
    return new Promise<void>((answered) => {
      const timer = setTimeout(() => {
        log("error", "worker did not take up the shared histories' new build: killing it so that another replaces it", { worker: w.process.pid, waitedMs: this.timeoutMs });
        w.process.kill("SIGKILL");
      }, this.timeoutMs);
      timer.unref();
      this.owed.set(w.id, { generation: a.generation, answered, timer });
      w.send({ tuijian: ANNOUNCE, a });
    });
  }

  answered(id: number, generation: number): void {
    if (this.owed.get(id)?.generation === generation) this.settle(id);
  }

  /** A worker that exited reads no file any more. */
  exited(id: number): void {
    this.settle(id);
  }

  private settle(id: number): void {
    const owed = this.owed.get(id);
    if (!owed) return;
    clearTimeout(owed.timer);
    this.owed.delete(id);
    owed.answered();
  }
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
