// A bounded min-heap of (item, score) pairs over host memory, keeping the k best: the
// worst kept pair at the root. Higher score ranks first; equal scores by lower item
// index, so every result is deterministic.

@inline export function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline export function f32At(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}
@inline export function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline export function setF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

@inline function swap(items: usize, scores: usize, a: i32, b: i32): void {
  const ti = i32At(items, a), ts = f32At(scores, a);
  setI32(items, a, i32At(items, b));
  setF32(scores, a, f32At(scores, b));
  setI32(items, b, ti);
  setF32(scores, b, ts);
}

// Higher score first; equal scores by lower item index, so results are deterministic.
@inline export function ranksBefore(sa: f32, ia: i32, sb: f32, ib: i32): bool {
  return sa > sb || (sa == sb && ia < ib);
}

// Min-heap (the worst kept candidate at the root) stored in outItems/outScores.
export function siftDown(items: usize, scores: usize, size: i32, start: i32): void {
  let i = start;
  while (true) {
    const l = 2 * i + 1;
    if (l >= size) break;
    let worst = l;
    const r = l + 1;
    if (r < size && ranksBefore(f32At(scores, worst), i32At(items, worst), f32At(scores, r), i32At(items, r))) {
      worst = r;
    }
    if (!ranksBefore(f32At(scores, i), i32At(items, i), f32At(scores, worst), i32At(items, worst))) break;
    swap(items, scores, i, worst);
    i = worst;
  }
}

export function siftUp(items: usize, scores: usize, start: i32): void {
  let i = start;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!ranksBefore(f32At(scores, p), i32At(items, p), f32At(scores, i), i32At(items, i))) break;
    swap(items, scores, i, p);
    i = p;
  }
}

/** Offers (j, s) to the bounded heap of the k best; returns the new heap size. */
@inline export function offer(items: usize, scores: usize, size: i32, k: i32, j: i32, s: f32): i32 {
  if (size < k) {
    setI32(items, size, j);
    setF32(scores, size, s);
    siftUp(items, scores, size);
    return size + 1;
  }
  if (k > 0 && ranksBefore(s, j, f32At(scores, 0), i32At(items, 0))) {
    setI32(items, 0, j);
    setF32(scores, 0, s);
    siftDown(items, scores, size, 0);
  }
  return size;
}

/** Heap sort in place: repeatedly moves the worst to the end, leaving the best first. */
export function sortHeap(items: usize, scores: usize, size: i32): void {
  for (let end = size - 1; end > 0; end--) {
    swap(items, scores, 0, end);
    siftDown(items, scores, end, 0);
  }
}
