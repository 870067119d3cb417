/** mulberry32: a tiny seeded generator, so randomized tests and benchmarks are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n). */
export const randomInt = (random: () => number, n: number) => Math.floor(random() * n);

/** A random element of a non-empty list. */
export const pick = <T>(random: () => number, list: readonly T[]): T => list[randomInt(random, list.length)];
