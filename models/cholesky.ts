// Solves A x = b for a small symmetric positive-definite A (row-major, m × m) in place
// by Cholesky factorisation: A = L Lᵀ, then two triangular solves. O(m³/3).
// Returns false (leaving x undefined) if A is not positive definite.
export function choleskySolve(a: Float64Array, b: Float64Array, m: number): boolean {
  if (choleskyFactor(a, m) !== 0) return false;
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * m + k] * b[k];
    b[i] = s / a[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < m; k++) s -= a[k * m + i] * b[k];
    b[i] = s / a[i * m + i];
  }
  return true;
}

/** In place: the lower triangle of a (row-major, m × m) ← L with L Lᵀ = A + λI. Returns 0, or 1 + the failing pivot. */
export function choleskyFactor(a: Float64Array, m: number, lambda = 0): number {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j] + lambda;
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0)) return j + 1;
    d = Math.sqrt(d);
    a[j * m + j] = d;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = s / d;
    }
  }
  return 0;
}
