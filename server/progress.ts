// Progress lines on stderr for long jobs: redrawn in place on a terminal, a line every
// few seconds otherwise (logs, CI), and never more often than needed. Given the total
// to expect, a line also shows done/total, the share done and the time left.
export interface Progress {
  tick(count: number): void;
  /** Prints the final line; `total` is the final count. */
  done(total: number, summary?: string): void;
}

export interface ProgressOptions {
  /** The count at which the job is done, when known. */
  total?: number;
  out?: NodeJS.WriteStream;
  /** Milliseconds; tests pass their own clock. */
  now?: () => number;
}

/** How progress bars are made: `progress` on the command line, `silentProgress` elsewhere. */
export type MakeProgress = (label: string, unit?: string, opts?: ProgressOptions) => Progress;

const fmt = new Intl.NumberFormat("en-US");

export function progress(label: string, unit = "rows", opts: ProgressOptions = {}): Progress {
  const { total, out = process.stderr, now = Date.now } = opts;
  const tty = out.isTTY === true;
  const every = tty ? 250 : 5000;
  const start = now();
  let last = start;
  let count = 0;
  const line = (finished: boolean) => {
    const secs = (now() - start) / 1000;
    const rate = secs > 0 ? count / secs : 0;
    const timing = `${fmt.format(Math.round(rate))}/s, ${secs.toFixed(1)} s`;
    if (total === undefined) return `${label}: ${fmt.format(count)} ${unit} (${timing})`;
    const share = total > 0 ? `${((100 * count) / total).toFixed(1)}%` : "100.0%";
    const eta = !finished && rate > 0 && count < total ? `, ETA ${duration((total - count) / rate)}` : "";
    return `${label}: ${fmt.format(count)}/${fmt.format(total)} ${unit} (${share}, ${timing}${eta})`;
  };
  return {
    tick(n) {
      count = n;
      const t = now();
      if (t - last < every) return;
      last = t;
      out.write(tty ? `\r${line(false)}\x1b[K` : `${line(false)}\n`);
    },
    done(final, summary) {
      count = final;
      out.write(`${tty ? "\r" : ""}${line(true)}${summary ? ` — ${summary}` : ""}${tty ? "\x1b[K" : ""}\n`);
    },
  };
}

/** "42 s", "3 min 20 s", "2 h 05 min". */
export function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** A sink that prints nothing (tests, library use). */
export const silentProgress = (): Progress => ({ tick() {}, done() {} });
