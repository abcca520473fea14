// Progress lines on stderr for long jobs: redrawn in place on a terminal, a line every
// few seconds otherwise (logs, CI), and never more often than needed.
export interface Progress {
  tick(count: number): void;
  /** Prints the final line; `total` is the final count. */
  done(total: number, summary?: string): void;
}

const fmt = new Intl.NumberFormat("en-US");

export function progress(label: string, unit = "rows", out: NodeJS.WriteStream = process.stderr): Progress {
  const tty = out.isTTY === true;
  const every = tty ? 250 : 5000;
  const start = Date.now();
  let last = start;
  let count = 0;
  const line = () => {
    const secs = (Date.now() - start) / 1000;
    const rate = secs > 0 ? Math.round(count / secs) : 0;
    return `${label}: ${fmt.format(count)} ${unit} (${fmt.format(rate)}/s, ${secs.toFixed(1)} s)`;
  };
  return {
    tick(n) {
      count = n;
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      out.write(tty ? `\r${line()}\x1b[K` : `${line()}\n`);
    },
    done(total, summary) {
      count = total;
      out.write(`${tty ? "\r" : ""}${line()}${summary ? ` — ${summary}` : ""}${tty ? "\x1b[K" : ""}\n`);
    },
  };
}

/** A sink that prints nothing (tests, library use). */
export const silentProgress = (): Progress => ({ tick() {}, done() {} });
