// Metrics of scheduled training, kept in a registry of their own (platform/metrics.ts has
// the serving ones): cluster-metrics.ts adds them to the workers' figures.
import { Counter, Gauge, Registry } from "prom-client";

/**
 * Scheduled training, in the process that runs the schedule: the single serving process,
 * or the primary of several workers, whose figures are added to the workers' (their own
 * registry, so that the workers' zero series do not collide with them).
 */
export const scheduleRegistry = new Registry();

const scheduledTrains = new Counter({
  name: "tuijian_scheduled_trains_total",
  help: "Scheduled trains run while serving, by outcome (succeeded, failed: the child train exited with an error or was killed)",
  labelNames: ["outcome"] as const,
  registers: [scheduleRegistry],
});

const scheduledTrainEnd = new Gauge({
  name: "tuijian_scheduled_train_last_end_timestamp_seconds",
  help: "When the last scheduled train of each outcome ended (Unix time)",
  labelNames: ["outcome"] as const,
  registers: [scheduleRegistry],
});

const scheduledTrainSeconds = new Gauge({
  name: "tuijian_scheduled_train_last_duration_seconds",
  help: "How long the last scheduled train ran, whatever its outcome",
  registers: [scheduleRegistry],
});

export const scheduledTrainRunning = new Gauge({
  name: "tuijian_scheduled_train_running",
  help: "1 while a scheduled train runs",
  registers: [scheduleRegistry],
});

export function countScheduledTrain(outcome: "succeeded" | "failed", seconds: number, now = Date.now()): void {
  scheduledTrains.labels(outcome).inc();
  scheduledTrainEnd.labels(outcome).set(now / 1000);
  scheduledTrainSeconds.set(seconds);
}
