// `tuijian serve`: on an empty store, first imports the bundled demo shop and trains, so
// a new user gets real recommendations without reading further; then serves HTTP and
// picks up every model a later `tuijian train` publishes.
import { serve as serveHttp } from "@hono/node-server";
import { closeSync } from "node:fs";
import { createServer, type RequestListener, type Server as HttpServer } from "node:http";
import { resolve } from "node:path";
import type { Config } from "./config.js";
import type { SharedSlots } from "./serving/shared-slots.js";
import type { SharedHistoryFiles } from "./serving/shared-histories/files.js";
import { historyMaker, ownHistories } from "./cluster-histories.js";
import { openRuntime, storeUrl, type Runtime } from "./runtime.js";
import { readAhead, type ReadAhead } from "./store/sqlite/read-ahead.js";
import { accessOf, createApp, type Services } from "./http/app.js";
import { recommendLane } from "./http/recommend-lane.js";
import { eventsLane } from "./http/events-lane.js";
import { eventBatch } from "./http/routes/catalogue.js";
import type { EventInput } from "./inputs.js";
import { importSources } from "./import/importer.js";
import { demoRetailSources } from "./import/demo-retail.js";
import { train } from "./train.js";
import { progress } from "./platform/progress.js";
import { errorFields, log } from "./platform/logger.js";
import { setHeapGrowth } from "./platform/heap-growth.js";
import { answerParserErrorsWithJson, isLoopback, listenHost } from "./http/listen.js";
import { retain, scheduleRetention } from "./access/retention.js";
import { scheduleTraining } from "./training/scheduler.js";
import { ModelsRejected } from "./model-registry.js";
import { collectProcessMetrics, observeListCache, observeModel } from "./platform/metrics.js";
import { modelFigures } from "./serving/model-figures.js";

export interface RunningServer {
  port: number;
  runtime: Runtime;
  close(): Promise<void>;
}

/**
/**
 * Completes an import a crash cut short; on an empty store, imports the demo shop; with
 * data but no model, trains one. Applies event retention. Runs in one process (the
 * primary of several).
 */
export async function prepareStore(runtime: Runtime, config: Config): Promise<void> {
  const { store, registry } = runtime;
  await store.resumeImports();
  await retain(store, config);
  if ((await store.isEmpty()) && config.demo) {
    log("info", "empty store: importing the bundled demo shop (UCI Online Retail); set TUIJIAN_DEMO=0 to skip");
    await importSources(store, await demoRetailSources(), { progress });
  }
  if (!registry.current() && (await store.events.count()) > 0) {
    log("info", "no model yet: training");
    await train(store, registry, config, progress);
  }
}

/**
 * Starts reading a SQLite store's file into the OS page cache in the background (once per
 * machine: by the primary of several processes); logs what it did.
 */
export function readStoreAhead(config: Config): ReadAhead | undefined {
  const url = storeUrl(config);
  if (!config.storeReadAhead || !url.startsWith("sqlite:")) return undefined;
  const reading = readAhead(resolve(url.slice("sqlite:".length)));
  void reading.done.then((r) => {
    if ("skipped" in r) log("info", "store file not read ahead", { reason: r.skipped });
    else log("info", r.stopped ? "store file read ahead, stopped at shutdown" : "store file read into the page cache", { gb: +(r.bytes / 2 ** 30).toFixed(2), seconds: +r.seconds.toFixed(1) });
  });
  return reading;
}

/** Why models were refused: which versions and their reasons, without a stack that adds nothing. */
const refusal = (err: unknown) => (err instanceof ModelsRejected ? { error: err.message, failed: err.failed } : errorFields(err));

/** A request still running this long after shutdown began is cut off. */
const DRAIN_MS = 10_000;

/**
 * @param prepare false in a worker process, whose primary has prepared the store (and
 *   runs retention); a single process does both itself.
 * @param shared a worker's slots for lists shared with the other workers (cluster.ts).
 * @param histories a worker's shared histories (cluster-histories.ts); a single process keeps its own.
 */
export async function startServer(config: Config, prepare = true, shared?: SharedSlots, histories?: SharedHistoryFiles): Promise<RunningServer> {
  const own = prepare ? ownHistories(config) : undefined;
  const runtime = await openRuntime(config, { serving: true, shared, histories: own ?? histories });
  const { recommender } = runtime;
  const readingAhead = prepare ? readStoreAhead(config) : undefined;
  const { host, note } = listenHost(config.host, await runtime.keys.any());
  if (note && prepare) log("warn", note);
  if (prepare) await prepareStore(runtime, config);
  // After the demo's import and training, which are not serving.
  setHeapGrowth(config.heapGrowthPercent);
  const retention = prepare ? scheduleRetention(config, runtime.store) : undefined;
  const training = prepare ? scheduleTraining(config, runtime.store, runtime.registry) : undefined;
  try {
    if (await recommender.refresh()) log("info", "model loaded", { version: recommender.version });
    else log("warn", "no model: /recommend answers 503 until `tuijian train` has run");
  } catch (err) {
    if (recommender.version) log("error", "the current model failed its checks: serving the newest intact version", { ...refusal(err), version: recommender.version });
    else log("error", "no model passes its checks: /recommend answers 503 until `tuijian train` publishes another", refusal(err));
  }

  await recommender.readCatalogue();
  const maker = own && historyMaker(config, runtime.store, own.fds, async (a) => own.offer(a));
  maker?.start();

  // A load runs off the event loop and may outlast the interval: a tick while one is under way is skipped.
  let polling = false;
  const poll = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      if (await recommender.refresh()) log("info", "model switched", { version: recommender.version });
      // Item texts another process embedded since (this one's own arrive the same way).
      runtime.content?.pickUp();
    } catch (err) {
      log("error", "new model not loaded: serving the newest intact version", { ...refusal(err), version: recommender.version });
    } finally {
      polling = false;
    }
  }, config.modelPollMs);
  poll.unref();

  collectProcessMetrics();
  observeModel(() => modelFigures(recommender.loaded));
  observeListCache(() => recommender.cachedLists, () => recommender.keepsEveryList, () => recommender.held);
  const services: Services = { ...runtime, config, openWithoutKeys: isLoopback(host), processes: prepare ? 1 : config.workers };
  const access = accessOf(services);
  const app = createApp(services, access);
  // A storefront's plain list requests and its events take the lanes; the app answers every other one.
  const events = { record: (e: EventInput[]) => runtime.catalogue.recordEvents(e), authorize: access.authorize, schema: eventBatch(config), config };
  const withLane = (options: object, appListener: RequestListener) =>
    createServer(options, recommendLane({ recommender, authorize: access.authorize, config }, eventsLane(events, appListener)));
  let server: HttpServer | undefined;
  const port = await new Promise<number>((resolvePort, reject) => {
    server = serveHttp({ fetch: app.fetch, port: config.port, hostname: host, createServer: withLane as typeof createServer }, (info) => resolvePort(info.port)) as HttpServer;
    server.once("error", reject);
  });
  answerParserErrorsWithJson(server!);
  log("info", "listening", { url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`, model: recommender.version });

  return {
    port,
    runtime,
    // Stops accepting connections, lets requests in flight finish (idle keep-alive
    // connections are closed at once), then releases the store.
    close: () =>
      new Promise<void>((done) => {
        clearInterval(poll);
        readingAhead?.stop();
        const makerStopped = maker?.stop();
        clearInterval(retention);
        clearInterval(training);
        runtime.content?.stop();
        const cutOff = setTimeout(() => server!.closeAllConnections(), DRAIN_MS);
        server!.close(() => {
          clearTimeout(cutOff);
          void (runtime.content?.idle() ?? Promise.resolve()).finally(async () => {
            await makerStopped;
            own?.offer({ generation: 0 });
            for (const fd of own?.fds ?? []) closeSync(fd);
            await runtime.close();
            done();
          });
        });
        server!.closeIdleConnections();
      }),
  };
}
