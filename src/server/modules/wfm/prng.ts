/**
 * Seeded pseudo-random numbers for reproducible simulations: xoshiro128** (Blackman & Vigna),
 * seeded through splitmix32 so that any 32-bit seed gives a well-mixed state. Pure and
 * deterministic: the same seed always yields the same stream.
 */
export type Random = {
  /** Uniform in (0, 1): never 0, so −log(u) is always finite. */
  next(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number;
};

/** A xoshiro128** generator for `seed` (any integer; only its low 32 bits are used). */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => (nextUint32() + 0.5) / 4294967296;

  let spareNormal = Number.NaN;
  return {
    next,
    exponential: (mean) => -mean * Math.log(next()),
    normal: () => {
      if (!Number.isNaN(spareNormal)) {
        const v = spareNormal;
        spareNormal = Number.NaN;
        return v;
      }
      const r = Math.sqrt(-2 * Math.log(next()));
      const angle = 2 * Math.PI * next();
      spareNormal = r * Math.sin(angle);
      return r * Math.cos(angle);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
