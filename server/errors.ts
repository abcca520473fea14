// The one error type of tuijian: a domain error carries the HTTP status it maps to at
// the edge, a stable machine-readable code, and optional details (e.g. bad fields).
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Sent as Retry-After: when the same request may succeed (busy store, rate limit). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, "bad_request", message, details);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);

/** Another process (an import, a train) holds the store's write lock longer than a request may wait. */
export const storeBusy = () =>
  new AppError(503, "store_busy", "the store is busy with another write (an import or a train): retry shortly", undefined, 1);

/** The store cannot be reached (its server is down or restarting, or the connection was lost). */
export const storeUnavailable = () =>
  new AppError(503, "store_unavailable", "the store cannot be reached: retry shortly", undefined, 1);
