// Append-only typed arrays that double their capacity: training builds large sparse
// matrices without knowing their size in advance and without boxed JS arrays.
type TypedCtor<T> = { new (length: number): T };

class Growable<T extends Int32Array | Float32Array> {
  private data: T;
  length = 0;
  constructor(private readonly ctor: TypedCtor<T>, capacity = 1024) {
    this.data = new ctor(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.ctor(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  /** A right-sized copy of the contents. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const growableInt32 = (capacity?: number) => new Growable(Int32Array, capacity);
export const growableFloat32 = (capacity?: number) => new Growable(Float32Array, capacity);
