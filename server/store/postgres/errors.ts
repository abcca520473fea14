// node-postgres errors as tuijian's domain errors: a lost or refused connection is
// store_unavailable, a lock or serialization conflict is store_busy; both say "retry".
// The driver's message is never passed on: it may name the host, and callers need none of it.
import { AppError, storeBusy, storeUnavailable } from "../../errors.js";

/** Socket errors, and the SQLSTATEs of an administrator's shutdown or a broken connection (class 08). */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006",
]);

/** node-postgres reports a dropped connection by message only. */
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Connection ended/i;

/** Serialization failure, deadlock, lock_timeout reached. */
const BUSY_CODES = new Set(["40001", "40P01", "55P03"]);

export function translateError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  if ((code && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGE.test(message ?? "")) return storeUnavailable();
  if (code && BUSY_CODES.has(code)) return storeBusy();
  return err;
}

/** True when the connection that raised err cannot be used again (the pool must discard it). */
export const isConnectionLost = (err: unknown) => (err as AppError | null)?.code === "store_unavailable";
