// The SIMD mask kernel (core-wasm/mask.ts) against its plain-TypeScript reference, on
// lengths around the 16-byte steps and random bytes.
import { describe, expect, it } from "vitest";
import { instantiate } from "../server/wasm/module.js";
import { clearBit, markRefused } from "../core-wasm/reference/mask.js";
import { seededRandom } from "../models/random.js";

describe("mask kernel", () => {
  it("marks refused items and clears the bit as the reference does", () => {
    const random = seededRandom(3);
    for (const n of [0, 1, 15, 16, 17, 33, 1000]) {
      const { core, ptr } = instantiate({ mask: n, allow: n });
      const mask = new Uint8Array(core.memory.buffer, ptr.mask, n);
      const allow = new Uint8Array(core.memory.buffer, ptr.allow, n);
      for (let j = 0; j < n; j++) {
        mask[j] = random() < 0.2 ? 1 : 0;
        allow[j] = random() < 0.3 ? 1 : 0;
      }
      const expected = mask.slice();
      markRefused(expected, allow, 8);
      core.markRefused(ptr.mask, ptr.allow, n, 8);
      expect(Array.from(mask), `n = ${n}`).toEqual(Array.from(expected));
      clearBit(expected, 8);
      core.clearBit(ptr.mask, n, 8);
      expect(Array.from(mask), `n = ${n}`).toEqual(Array.from(expected));
      expect(mask.every((b) => b === 0 || b === 1)).toBe(true);
    }
  });
});
