// `GET /metrics` under `serve --workers N`: the worker that receives it asks the primary,
// which collects every worker's registry over the cluster channel (prom-client's
// AggregatorRegistry) and answers with the combined figures, so that any worker answers
// for the whole service. A single process answers from its own registry. Scheduled training
// runs in the primary (or the single process): its figures come from there.
import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { registry } from "./metrics.js";
import { scheduleRegistry } from "./schedule-metrics.js";

const ASK = "tuijian:metrics?";
const ANSWER = "tuijian:metrics";
/** Longer than the 5 s prom-client gives the workers, so that its own error comes first. */
const ANSWER_TIMEOUT_MS = 7000;

interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

export const METRICS_CONTENT_TYPE = registry.contentType;

/** In the primary: answers the workers' requests for the service's metrics. */
export function answerMetricsRequests(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, msg: { type?: unknown; id?: number }) => {
    if (msg?.type !== ASK) return;
    const reply = (a: Omit<Answer, "type" | "id">) => worker.isConnected() && worker.send({ type: ANSWER, id: msg.id, ...a });
    Promise.all([aggregator.clusterMetrics(), scheduleRegistry.metrics()])
      .then(([workers, own]) => reply({ text: workers + own }), (err: Error) => reply({ error: err.message }));
  });
}

/** In a worker: lets the primary collect this process's registry (prom-client's listener). */
export function shareMetricsWithPrimary(): void {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries(registry);
}

const pending = new Map<number, (a: Answer) => void>();
let nextId = 0;

/** The metrics of the whole service, in the Prometheus text format. */
export function serviceMetrics(): Promise<string> {
  if (!cluster.isWorker || !process.send) return Promise.all([registry.metrics(), scheduleRegistry.metrics()]).then(([own, schedule]) => own + schedule);
  if (nextId === 0) {
    process.on("message", (msg: Answer) => {
      if (msg?.type === ANSWER) pending.get(msg.id)?.(msg);
    });
  }
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle({ type: ANSWER, id, error: "the primary process did not answer" }), ANSWER_TIMEOUT_MS);
    const settle = (a: Answer) => {
      clearTimeout(timer);
      pending.delete(id);
      if (a.text !== undefined) resolve(a.text);
      else reject(new Error(`metrics of the workers could not be collected: ${a.error}`));
    };
    pending.set(id, settle);
    process.send!({ type: ASK, id });
  });
}
