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

/** Fails the bench if the service exits before it is stopped (with the end of its log); the function stops it. */
export function failOnExit(child: ChildProcess): () => Promise<void> {
  let [log, stopping] = ["", false];
  child.stderr!.on("data", (d) => (log = (log + d).slice(-5000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    if (!stopping) throw new Error(`a service exited during the bench:\n${log}`);
  });
  return () => {
    stopping = true;
    child.kill("SIGTERM");
    return exited;
  };
}

/** A flag's value as separate arguments (`--serve-args="--a=1 --b=2"`). */
export function words(text: string | undefined): string[] {
  return text?.split(" ").filter(Boolean) ?? [];
}
