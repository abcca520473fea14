// Structured logs with pino: one JSON object per line on stderr (time, level, pid, msg,
// then the fields), readable lines instead when stderr is a terminal. The level is the
// --log-level setting, applied once the configuration is loaded (configureLogging).
import { writeSync } from "node:fs";
import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

export type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

function createLogger(): Logger {
  const base = { base: { pid: process.pid }, level: "info" };
  if (process.stderr.isTTY) {
    return pino(base, pretty({ destination: 2, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }));
  }
  return pino(
    {
      ...base,
      // Level names, not pino's numbers: operators (and tests) grep for "level":"error".
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Synchronous like process.stderr on Linux: a worker that exits right after logging
    // why still leaves that line behind.
    pino.destination({ dest: 2, sync: true }),
  );
}

/** The process's logger; its level follows configureLogging. */
export const logger: Logger = createLogger();

/** How often buffered access lines are written at the latest. */
const ACCESS_FLUSH_MS = 1000;

/**
 * The access log: one line per request, so it is written through a buffer (flushed when
 * 4 KB have gathered, every second, and at exit) instead of one write(2) per request;
 * other lines stay synchronous. On a terminal it is the readable logger itself.
 */
export const accessLogger: Logger = createAccessLogger();

function createAccessLogger(): Logger {
  if (process.stderr.isTTY) return logger;
  // pino writes what is buffered at exit (flushSync), and sonic-boom tries a failing write
  // again forever but for EAGAIN: where stderr's reader is gone (EPIPE: a log shipper or
  // `| tee` that died) and no write has failed yet to tell pino, the process would never
  // end. Registered before the destination, this runs first and drops the lines instead.
  process.on("exit", () => {
    if (!takesWrites(2)) destination.flushSync = () => {};
  });
  const destination = pino.destination({ dest: 2, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), ACCESS_FLUSH_MS).unref();
  return pino({ base: { pid: process.pid }, level: "info", formatters: { level: (label) => ({ level: label }) }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** Whether fd takes writes, found by writing nothing (a pipe or socket without its reader: EPIPE). */
function takesWrites(fd: number): boolean {
  try {
    writeSync(fd, Buffer.alloc(0));
    return true;
  } catch {
    return false;
  }
}

export function configureLogging(settings: { logLevel: Level }): void {
  logger.level = settings.logLevel;
  accessLogger.level = settings.logLevel;
}

/**
 * `msg` goes first among the fields, as in the lines tuijian wrote before pino, so a
 * message and its first field read (and match) as one: "msg":"listening","url":…
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (logger.isLevelEnabled(level)) logger[level]({ msg, ...fields });
}

export function errorFields(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) };
}
