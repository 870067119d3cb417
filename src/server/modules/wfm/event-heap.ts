/**
 * A binary min-heap of (time, id) pairs in typed arrays: the event list of the call simulation.
 * No objects per event, so a million events cost no garbage collection. Ties pop in no
 * particular order.
 */
export class EventHeap {
  private times: Float64Array;
  private ids: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(Math.max(1, initialCapacity));
    this.ids = new Int32Array(Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0];
  }

  push(time: number, id: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.times[parent] <= time) break;
      this.times[i] = this.times[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.times[i] = time;
    this.ids[i] = id;
  }

  /** Removes the earliest event and returns its id (−1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.ids[0];
    const last = --this.count;
    const time = this.times[last];
    const id = this.ids[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.times[child + 1] < this.times[child]) child++;
      if (this.times[child] >= time) break;
      this.times[i] = this.times[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.times[i] = time;
    this.ids[i] = id;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const ids = new Int32Array(this.ids.length * 2);
    times.set(this.times);
    ids.set(this.ids);
    this.times = times;
    this.ids = ids;
  }
}
