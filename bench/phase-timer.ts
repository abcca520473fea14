// Times the phases of a long job through the progress lines it already reports: wraps a
// progress factory, records when each bar starts and finishes, and samples resident
// memory on every tick (the job is synchronous, so a timer could never fire). Time spent
// outside any bar is reported too, named after its neighbours, so nothing goes unseen.
import type { Progress } from "../server/platform/progress.js";

export interface Phase {
  label: string;
  /** Seconds from the start of the job. */
  startS: number;
  seconds: number;
  count?: number;
  /** Highest resident memory sampled during the phase (ticks and end), MB. */
  rssMB: number;
}

type MakeProgress = (label: string, unit?: string) => Progress;

const rssMB = () => Math.round(process.memoryUsage.rss() / 2 ** 20);

export function phaseTimer(inner: MakeProgress) {
  const t0 = performance.now();
  const now = () => (performance.now() - t0) / 1000;
  const phases: Phase[] = [];
  let lastEnd = 0;
  let lastLabel = "start";
  let gapRss = rssMB();

  const closeGap = (next: string) => {
    const start = now();
    if (start - lastEnd >= 0.05) {
      phases.push({ label: `(between ${lastLabel} and ${next})`, startS: round(lastEnd), seconds: round(start - lastEnd), rssMB: Math.max(gapRss, rssMB()) });
    }
  };

  const makeProgress: MakeProgress = (label, unit) => {
    closeGap(label);
    const bar = inner(label, unit);
    const startS = now();
    let peak = rssMB();
    return {
      tick(n) {
        peak = Math.max(peak, rssMB());
        bar.tick(n);
      },
      done(total, summary) {
        bar.done(total, summary);
        lastEnd = now();
        lastLabel = label;
        phases.push({ label, startS: round(startS), seconds: round(lastEnd - startS), count: total, rssMB: Math.max(peak, rssMB()) });
        gapRss = rssMB();
      },
    };
  };

  /** The phases so far, closing the time since the last one as "(between X and end)". */
  const finish = (): Phase[] => {
    closeGap("end");
    return phases;
  };

  return { makeProgress, finish };
}

const round = (s: number) => Math.round(s * 1000) / 1000;
