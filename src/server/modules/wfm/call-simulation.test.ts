import { describe, expect, it } from 'vitest';
import { simulateQueue, type SimulationInput } from './call-simulation.js';
import { erlangA } from './erlang-a.js';
import { erlangC } from './erlang.js';
import { EventHeap } from './event-heap.js';
import { createRandom } from './prng.js';

// 10 Erlangs (100 calls per 30 min, AHT 180 s) for 4,000 intervals ≈ 400,000 calls. Waits are
// strongly autocorrelated (a busy spell delays many callers in a row), so the effective sample is
// far smaller than the call count: over seeds 1–5 the simulated service level stayed within
// 0.0035 of Erlang C, ASA within 7 % and abandonment within 0.0007 of Erlang A. The tolerances
// below are about three times those spreads; the seed is fixed, so the test is deterministic.
const steady = (agents: number, patienceSeconds: number, seed = 7): SimulationInput => ({
  intervalSeconds: 1800,
  intervals: Array.from({ length: 4000 }, () => ({ expectedCalls: 100, agents })),
  handleTime: { distribution: 'exponential', meanSeconds: 180 },
  patienceSeconds,
  thresholdSeconds: 20,
  shortAbandonSeconds: 0,
  seed,
});

describe('call simulation', () => {
  it('agrees with Erlang C when its assumptions hold (Poisson, exponential, no abandonment)', () => {
    const sim = simulateQueue(steady(14, Infinity)).total;
    const model = erlangC({ agents: 14, arrivalRate: 100 / 1800, ahtSeconds: 180, thresholdSeconds: 20 });
    expect(sim.offered).toBeGreaterThan(390_000);
    expect(sim.abandoned).toBe(0);
    expect(Math.abs(sim.serviceLevel - model.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(sim.asaSeconds / model.asaSeconds - 1)).toBeLessThan(0.2);
    expect(Math.abs(sim.occupancy - model.occupancy)).toBeLessThan(0.005);
    expect(Math.abs(sim.ahtSeconds / 180 - 1)).toBeLessThan(0.01);
  });

  it("agrees with Erlang A's abandonment and service level for exponential patience", () => {
    const sim = simulateQueue(steady(13, 300)).total;
    const model = erlangA({ agents: 13, arrivalRate: 100 / 1800, ahtSeconds: 180, patienceSeconds: 300, thresholdSeconds: 20 });
    expect(Math.abs(sim.abandonRate - model.probabilityOfAbandon)).toBeLessThan(0.002);
    expect(Math.abs(sim.serviceLevel - model.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(sim.occupancy - model.occupancy)).toBeLessThan(0.005);
    expect(sim.answered + sim.abandoned).toBe(sim.offered);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const small = { ...steady(12, 120), intervals: steady(12, 120).intervals.slice(0, 48) };
    expect(simulateQueue(small)).toEqual(simulateQueue(small));
    expect(simulateQueue({ ...small, seed: 8 }).total.offered).not.toBe(simulateQueue(small).total.offered);
  });

  it('follows per-interval rates and staffing, and never answers with nobody on duty', () => {
    const r = simulateQueue({
      intervalSeconds: 1800,
      intervals: [{ expectedCalls: 0, agents: 2 }, { expectedCalls: 50, agents: 0 }, { expectedCalls: 50, agents: 8 }],
      handleTime: { distribution: 'exponential', meanSeconds: 180 },
      patienceSeconds: 60,
      thresholdSeconds: 20,
      seed: 3,
    });
    expect(r.intervals[0]).toMatchObject({ offered: 0, answered: 0, occupancy: 0, serviceLevel: 1 });
    // Interval 1 has no agents: its callers (mean patience 1 min) hang up before staff arrives,
    // except those who call in its last minutes and are still waiting at the boundary.
    expect(r.intervals[1].answeredWithinThreshold).toBeLessThanOrEqual(r.intervals[1].answered);
    expect(r.intervals[1].abandoned).toBeGreaterThan(r.intervals[1].offered * 0.8);
    expect(r.intervals[2].answered).toBeGreaterThan(r.intervals[2].offered * 0.8);
    expect(r.total.offered).toBe(r.total.answered + r.total.abandoned);
  });

  it('keeps FIFO order while the queue grows past its initial capacity', () => {
    // 3,000 callers arrive to nobody, then 50 agents work the backlog in arrival order.
    const r = simulateQueue({
      intervalSeconds: 1800,
      intervals: [{ expectedCalls: 3000, agents: 0 }, { expectedCalls: 0, agents: 50 }],
      handleTime: { distribution: 'exponential', meanSeconds: 30 },
      patienceSeconds: Infinity,
      thresholdSeconds: 20,
      seed: 9,
    });
    expect(r.total.offered).toBeGreaterThan(2_800);
    expect(r.total.answered).toBe(r.total.offered);
    // 50 agents clear 50/30 calls/s, so the backlog drains in ≈ 1,800 s: mean wait ≈ 900 s to the
    // boundary plus ≈ 900 s (half the drain).
    expect(r.total.asaSeconds).toBeGreaterThan(1_700);
    expect(r.total.asaSeconds).toBeLessThan(1_900);
  });

  it('log-normal handle times have the requested mean', () => {
    const r = simulateQueue({ ...steady(14, Infinity), intervals: steady(14, Infinity).intervals.slice(0, 500), handleTime: { distribution: 'lognormal', meanSeconds: 180, sdSeconds: 120 } });
    expect(Math.abs(r.total.ahtSeconds / 180 - 1)).toBeLessThan(0.02);
  });

  it('excludes short abandons from the service-level base', () => {
    const r = simulateQueue({ ...steady(9, 30), intervals: steady(9, 30).intervals.slice(0, 48), shortAbandonSeconds: 5 }).total;
    expect(r.shortAbandoned).toBeGreaterThan(0);
    expect(r.serviceLevel).toBeCloseTo(r.answeredWithinThreshold / (r.offered - r.shortAbandoned), 12);
  });

  it('rejects malformed input', () => {
    expect(() => simulateQueue({ ...steady(1, 60), intervals: [] })).toThrow(RangeError);
    expect(() => simulateQueue({ ...steady(1, 60), intervals: [{ expectedCalls: 1, agents: 1.5 }] })).toThrow(RangeError);
    expect(() => simulateQueue({ ...steady(1, 60), patienceSeconds: 0 })).toThrow(RangeError);
  });
});

describe('event heap and PRNG', () => {
  it('pops events in time order', () => {
    const heap = new EventHeap(2);
    const random = createRandom(1);
    const times = Array.from({ length: 1000 }, () => random.next() * 100);
    times.forEach((t, i) => heap.push(t, i));
    const popped: number[] = [];
    while (heap.size > 0) popped.push(times[heap.pop()]);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(heap.pop()).toBe(-1);
  });

  it('draws uniforms in (0, 1) with mean 1/2 and exponentials with the requested mean', () => {
    const random = createRandom(42);
    let sum = 0;
    let expSum = 0;
    let inside = true;
    for (let i = 0; i < 200_000; i++) {
      const u = random.next();
      inside &&= u > 0 && u < 1;
      sum += u;
      expSum += random.exponential(3);
    }
    expect(inside).toBe(true);
    expect(sum / 200_000).toBeCloseTo(0.5, 2);
    expect(expSum / 200_000).toBeCloseTo(3, 1);
    expect(createRandom(5).next()).toBe(createRandom(5).next());
  });
});
