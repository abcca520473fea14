// Token buckets, one per key and process: a key may make `rate` requests per second and
// burst to burstSeconds × rate. Each of N serving processes enforces rate / N, so the
// whole service allows about the configured rate (connections are spread evenly).
export class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(private readonly burstSeconds: number, private readonly processes: number) {}

  /** Takes one token; returns 0 when allowed, else the seconds until a token is there. */
  take(keyId: number, ratePerSecond: number, now = performance.now()): number {
    if (ratePerSecond <= 0) return 0;
    const rate = ratePerSecond / this.processes;
    const capacity = Math.max(1, rate * this.burstSeconds);
    const b = this.buckets.get(keyId) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(keyId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / rate;
  }
}
