// Nelder–Mead simplex minimisation: derivative-free, deterministic (fixed start simplex,
// no randomness) and bounded in evaluations, which is what fitting a handful of model
// parameters by maximum likelihood needs. Callers optimise log-parameters so every point
// of the search is a valid (positive) parameter set.

export interface MinimiseOptions {
  /** Side of the starting simplex along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the simplex's function values agree to this (absolute + relative to |f|). */
  tolerance?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

export function minimise(f: (x: number[]) => number, start: number[], opts: MinimiseOptions = {}): Minimum {
  const { step = 0.5, maxEvaluations = 4000, tolerance = 1e-10 } = opts;
  const n = start.length;
  let evaluations = 0;
  // A non-finite value (overflow far from the optimum) counts as worse than any finite one.
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const points = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += step;
    points.push(p);
  }
  const values = points.map(value);
  const combine = (centroid: number[], towards: number[], t: number) => centroid.map((c, i) => c + t * (towards[i] - c));

  let converged = false;
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const sortedPoints = order.map((i) => points[i]);
    const sortedValues = order.map((i) => values[i]);
    points.splice(0, points.length, ...sortedPoints);
    values.splice(0, values.length, ...sortedValues);
    const best = values[0];
    const worst = values[n];
    if (Math.abs(worst - best) <= tolerance * (1 + Math.abs(best))) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] += points[k][i] / n;

    const reflected = combine(centroid, points[n], -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = combine(centroid, points[n], -2);
      const fe = value(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      // Contract towards the better of the worst point and its reflection.
      const outside = fr < values[n];
      const contracted = combine(centroid, outside ? reflected : points[n], 0.5);
      const fc = value(contracted);
      if (fc < (outside ? fr : values[n])) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let k = 1; k <= n; k++) {
          points[k] = combine(points[0], points[k], 0.5);
          values[k] = value(points[k]);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let k = 1; k <= n; k++) if (values[k] < values[bestIndex]) bestIndex = k;
  return { x: points[bestIndex], value: values[bestIndex], evaluations, converged };
}
