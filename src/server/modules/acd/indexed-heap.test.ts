import { describe, expect, it } from 'vitest';
import { IndexedHeap } from './indexed-heap.js';
import { randomInt, seededRandom } from './seeded-random.js';

type Item = { heapIndex: number; key: number; id: number };

describe('IndexedHeap', () => {
  it('agrees with a sorted list under random pushes, pops and removals', () => {
    const random = seededRandom(7);
    const heap = new IndexedHeap<Item>((a, b) => (a.key !== b.key ? a.key < b.key : a.id < b.id));
    const model: Item[] = [];
    const sorted = () => [...model].sort((a, b) => a.key - b.key || a.id - b.id);
    for (let step = 0; step < 5_000; step++) {
      const r = random();
      if (r < 0.5 || model.length === 0) {
        const item = { heapIndex: -1, key: randomInt(random, 50), id: step };
        heap.push(item);
        model.push(item);
      } else if (r < 0.75) {
        expect(heap.pop()).toBe(sorted()[0]);
        model.splice(model.indexOf(sorted()[0]), 1);
      } else {
        const victim = model.splice(randomInt(random, model.length), 1)[0];
        expect(heap.remove(victim)).toBe(true);
        expect(heap.remove(victim)).toBe(false);
        expect(victim.heapIndex).toBe(-1);
      }
      expect(heap.size).toBe(model.length);
      expect(heap.peek()).toBe(sorted()[0]);
    }
  });

  it('rebuild restores the order after keys change in place', () => {
    const heap = new IndexedHeap<Item>((a, b) => a.key < b.key);
    const items = [5, 3, 9, 1].map((key, id) => ({ heapIndex: -1, key, id }));
    items.forEach((i) => heap.push(i));
    items[2].key = 0;
    heap.rebuild();
    expect([heap.pop()!.key, heap.pop()!.key, heap.pop()!.key, heap.pop()!.key]).toEqual([0, 1, 3, 5]);
    heap.push(items[0]);
    expect(() => heap.push(items[0])).toThrow(/already/);
  });
});
