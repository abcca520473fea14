// `tuijian serve --workers 2` as a user runs it: the built CLI in a child process, on a
// free loopback port, with its log collected.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { projectRoot } from "../server/project-root.js";
import type { Config } from "../server/config.js";
import { storeFlags } from "./helpers.js";

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** Everything the service wrote to stderr so far. */
  log(): string;
  exited: Promise<number | null>;
}

/** Starts the service and resolves once every worker listens, on the one port they share. */
export async function startWorkers(config: Config, args: string[] = [], workers = 2): Promise<ServeProcess> {
  const cli = join(projectRoot(), "dist", "server", "cli.js");
  const child = spawn(process.execPath, [cli, "serve", "--workers", String(workers), "--port", "0", "--host", "127.0.0.1", ...storeFlags(config), ...args]);
  let log = "";
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const ports = [...log.matchAll(/"msg":"listening","url":"http:\/\/127\.0\.0\.1:(\d+)"/g)].map((m) => Number(m[1]));
      if (ports.length === workers) {
        clearInterval(timer);
        new Set(ports).size === 1 ? resolve(ports[0]) : reject(new Error(`workers on ${ports}`));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${log}`));
    });
  });
  return { child, port, log: () => log, exited };
}

/** A request on a connection of its own, so that the workers share them out; the answer's JSON. */
export function call(port: number, path: string, method = "GET", body?: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: "127.0.0.1", path, method, agent: false, headers: body ? { "content-type": "application/json" } : {} }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve(JSON.parse(text)));
    });
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** The workers whose access log shows a /recommend answered (the log is buffered: poll it). */
export const servingPids = (log: string): Set<string> => new Set([...log.matchAll(/"pid":(\d+)[^\n]*"route":"\/recommend"/g)].map((m) => m[1]));
