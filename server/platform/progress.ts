// Progress lines on stderr for long jobs: redrawn in place on a terminal, a line every
// few seconds otherwise (logs, CI), and never more often than needed. A caller that knows
// how much there is to do passes the total, and the line shows the share done and an ETA
// (at the rate so far: jobs here run at a steady rate once started).
export interface Progress {
  /** `total`: how many there are in all, when known; `estimated`: a projection (shown as ~N). */
  tick(count: number, total?: number, estimated?: boolean): void;
  /** Prints the final line; `total` is the final count. */
  done(total: number, summary?: string): void;
}

const fmt = new Intl.NumberFormat("en-US");

/** "42 s", "3 min 5 s", "1 h 12 min". */
export function duration(secs: number): string {
  const s = Math.round(secs);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function progress(label: string, unit = "rows", out: NodeJS.WriteStream = process.stderr): Progress {
  const tty = out.isTTY === true;
  const every = tty ? 250 : 5000;
  const start = Date.now();
  let last = start;
  let count = 0;
  let total: number | undefined;
  let about = "";
  const line = (final: boolean) => {
    const secs = (Date.now() - start) / 1000;
    const rate = secs > 0 ? count / secs : 0;
    const of = !final && total !== undefined && total > 0
      ? ` of ${about}${fmt.format(total)} (${Math.floor((100 * count) / total)}%${rate > 0 ? `, ETA ${duration((total - count) / rate)}` : ""})`
      : "";
    return `${label}: ${fmt.format(count)}${of} ${unit} (${fmt.format(Math.round(rate))}/s, ${secs.toFixed(1)} s)`;
  };
  return {
    tick(n, all, estimated = false) {
      count = n;
      if (all !== undefined) {
        total = all;
        about = estimated ? "~" : "";
      }
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      out.write(tty ? `\r${line(false)}\x1b[K` : `${line(false)}\n`);
    },
    done(n, summary) {
      count = n;
      out.write(`${tty ? "\r" : ""}${line(true)}${summary ? ` — ${summary}` : ""}${tty ? "\x1b[K" : ""}\n`);
    },
  };
}

/** A sink that prints nothing (tests, library use). */
export const silentProgress = (): Progress => ({ tick() {}, done() {} });

export interface ProgressOptions {
  /** The count at which the job is done, when known: the line then shows the share done and an ETA. */
  total?: number;
}

/** How progress bars are made: `progress` on the command line, `silentProgress` elsewhere. */
export type MakeProgress = (label: string, unit?: string, opts?: ProgressOptions) => Progress;

/** The command line's progress bars, given an optional total up front. */
export const makeProgress: MakeProgress = (label, unit, opts = {}) => {
  const bar = progress(label, unit);
  return opts.total === undefined ? bar : { tick: (count) => bar.tick(count, opts.total), done: (total, summary) => bar.done(total, summary) };
};
