// Plain TypeScript reference of core-wasm/mask.ts (test/mask-kernel.test.ts compares them).
export function markRefused(mask: Uint8Array, allow: Uint8Array, bit: number): void {
  for (let j = 0; j < mask.length; j++) if (allow[j] === 0) mask[j] |= bit;
}

export function clearBit(mask: Uint8Array, bit: number): void {
  for (let j = 0; j < mask.length; j++) mask[j] &= ~bit;
}
