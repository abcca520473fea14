// A request's filter on the item mask: sets `bit` on the items the filter refuses (a 0
// byte in `allow`), or clears `bit` on every item, 16 bytes at a time. Both arrays are n
// bytes, 16-byte aligned (the host's arena). Reference: reference/mask.ts.
export function markRefused(mask: usize, allow: usize, n: i32, bit: u8): void {
  const bits = i8x16.splat(bit);
  const zero = i8x16.splat(0);
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const refused = i8x16.eq(v128.load(allow + <usize>j), zero);
    v128.store(mask + <usize>j, v128.or(v128.load(mask + <usize>j), v128.and(refused, bits)));
  }
  for (; j < n; j++) {
    if (load<u8>(allow + <usize>j) == 0) store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) | bit);
  }
}

export function clearBit(mask: usize, n: i32, bit: u8): void {
  const keep = i8x16.splat(~bit);
  let j = 0;
  for (; j + 16 <= n; j += 16) v128.store(mask + <usize>j, v128.and(v128.load(mask + <usize>j), keep));
  for (; j < n; j++) store<u8>(mask + <usize>j, load<u8>(mask + <usize>j) & ~bit);
}
