// One train at a time across processes and hosts: a train holds the store's "train" lease,
// renewed while it runs, so that a crashed train frees it within LEASE_MS.
import { hostname } from "node:os";
import type { Store } from "../store/types.js";
import { AppError } from "../errors.js";

export const TRAIN_LEASE = "train";
const LEASE_MS = 10 * 60_000;
const RENEW_MS = 2 * 60_000;

/** The holder name of a train run by process pid on this host (this process by default). */
export const leaseHolder = (pid = process.pid) => `${hostname()}:${pid}`;

/** Runs fn holding the train lease; refuses (409 train_running) while another train holds it. */
export async function withTrainLease<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const me = leaseHolder();
  if (!(await store.leases.acquire(TRAIN_LEASE, me, LEASE_MS))) {
    const other = await store.leases.holder(TRAIN_LEASE);
    throw new AppError(409, "train_running", `another train is running (${other?.holder ?? "unknown"}, lease until ${other ? new Date(other.expiresAt).toISOString() : "?"}): one train at a time`);
  }
  const renew = setInterval(() => void store.leases.acquire(TRAIN_LEASE, me, LEASE_MS).catch(() => {}), RENEW_MS);
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await store.leases.release(TRAIN_LEASE, me).catch(() => {});
  }
}
