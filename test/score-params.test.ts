import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { SCORE_PARAM_NAMES, SCORE_PARAMS_BYTES } from "../server/wasm/score-params.js";
import { instantiate } from "../server/wasm/module.js";

describe("the scoring kernel's parameter block", () => {
  it("has the host's fields in the kernel's order, and the kernel's size", () => {
    const source = readFileSync(new URL("../core-wasm/score-params.ts", import.meta.url), "utf8");
    const body = source.slice(source.indexOf("export class ScoreParams"), source.indexOf("\n}\n"));
    const kernelFields = [...body.matchAll(/^\s+(\w+): (?:i32|f32|usize);/gm)].map((m) => m[1]);
    expect(kernelFields).toEqual(SCORE_PARAM_NAMES);
    expect(instantiate({}).core.scoreParamsBytes()).toBe(SCORE_PARAMS_BYTES);
  });
});
