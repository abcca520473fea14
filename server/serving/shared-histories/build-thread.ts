// The thread that builds a file of shared histories (build.ts): a build reads every stored
// event, seconds of work that must not hold up a serving process's requests.
import { parentPort, workerData } from "node:worker_threads";
import { runBuild, type BuildJob } from "./build.js";

parentPort!.postMessage(runBuild(workerData as BuildJob));
