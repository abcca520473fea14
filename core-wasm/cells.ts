// Each item's fields that the scoring pass reads together, side by side in one 16-byte
// cell: an item the history reaches then costs one cache line, not one in each of five
// arrays (score, reason, a byte marking it reached, popularity, factor length: at 100,000
// items most are 400 KB, and the items a history reaches lie anywhere in them). Laid out
// by the host (server/wasm/core-arena.ts):
//   score  f32  scratch, 0 between calls: the history's sum for the item
//   reason i32  scratch, -1 between calls: a history item that reached it, or n for a
//               candidate from outside the history (score-history.ts)
//   pop    f32  the model's popularity score
//   norm   f32  the length of the item's factor (only with candidates from an index)

@inline function cell(cells: usize, j: i32): usize {
  return cells + (<usize>j << 4);
}
@inline export function cellScore(cells: usize, j: i32): f32 {
  return load<f32>(cell(cells, j));
}
@inline export function setCellScore(cells: usize, j: i32, v: f32): void {
  store<f32>(cell(cells, j), v);
}
@inline export function cellReason(cells: usize, j: i32): i32 {
  return load<i32>(cell(cells, j), 4);
}
@inline export function setCellReason(cells: usize, j: i32, v: i32): void {
  store<i32>(cell(cells, j), v, 4);
}
@inline export function cellPop(cells: usize, j: i32): f32 {
  return load<f32>(cell(cells, j), 8);
}
@inline export function cellNorm(cells: usize, j: i32): f32 {
  return load<f32>(cell(cells, j), 12);
}
