// What the HTTP benches share about the servers they start and the shoppers they ask for.
import type { ChildProcess } from "node:child_process";

/** A started server whose unexpected exit fails the bench, with the end of its log. */
export function started(child: ChildProcess): ChildProcess {
  let log = "";
  child.stderr!.on("data", (d) => (log = (log + d).slice(-5000)));
  child.on("exit", (code, signal) => {
    if (signal !== "SIGTERM") throw new Error(`a server exited (${code ?? signal}) during the bench:\n${log}`);
  });
  return child;
}

/** Resolves once `ok` holds (a server answers), polling; fails after 10 minutes. */
export async function waitFor(ok: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if (await ok().catch(() => false)) return;
  }
  throw new Error(`${what} was not ready within 10 min`);
}

/** xs shuffled in place (Fisher–Yates) with a seeded random source. */
export function shuffled<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
