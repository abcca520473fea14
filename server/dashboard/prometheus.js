// Reads the Prometheus text format (/metrics): samples as {name, labels, value}.
const LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = {};
    for (const [, k, v] of (m[2] ?? "").matchAll(LABEL)) labels[k] = v.replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of a metric's samples whose labels pass the filter. */
export const total = (samples, name, keep = () => true) =>
  samples.reduce((s, x) => (x.name === name && keep(x.labels) ? s + x.value : s), 0);

/** Cumulative histogram buckets (le → count) summed over every label set. */
export function buckets(samples, name) {
  const out = new Map();
  for (const x of samples) if (x.name === `${name}_bucket`) out.set(x.labels.le, (out.get(x.labels.le) ?? 0) + x.value);
  return [...out].map(([le, count]) => ({ le: le === "+Inf" ? Infinity : Number(le), count })).sort((a, b) => a.le - b.le);
}

/** The q-quantile of the requests between two bucket readings (linear within a bucket), or null without requests. */
export function quantile(q, before, after) {
  const counts = after.map((b, i) => ({ le: b.le, count: b.count - (before[i]?.count ?? 0) }));
  const n = counts.at(-1)?.count ?? 0;
  if (n <= 0) return null;
  const rank = q * n;
  let lower = 0, below = 0;
  for (const b of counts) {
    if (b.count >= rank) {
      if (b.le === Infinity) return lower;
      return lower + (b.le - lower) * ((rank - below) / Math.max(1e-9, b.count - below));
    }
    lower = b.le;
    below = b.count;
  }
  return lower;
}
