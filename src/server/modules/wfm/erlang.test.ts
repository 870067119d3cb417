import { describe, expect, it } from 'vitest';
import { erlangA } from './erlang-a.js';
import { erlangB, erlangC, erlangCProbabilityOfWait, offeredLoad } from './erlang.js';

/**
 * Reference example (the classic Erlang C worked example of Call Centre Helper, "Erlang C Formula –
 * Made Simple With an Easy Worked Example", callcentrehelper.com): 100 calls per 30 minutes,
 * AHT 180 s → 10 Erlangs, target 80 % within 20 s. Published figures for it:
 *   - pyworkforce (github.com/rodrigo-arenas/pyworkforce, README "Erlang C" and
 *     pyworkforce/queuing/tests/test_erlang.py): 14 agents, service level 0.8884 (0.888),
 *     P(wait) 0.1741 (0.174), occupancy 0.7143; with a 70 % occupancy cap 15 agents, P(wait) 0.102;
 *   - an independent JUnit suite (com.wfm.calc.ErlangCTest, public GitHub): Erlang B(12, 10) =
 *     0.119739, P(wait) 0.449388 (12 agents) and 0.174131 (14 agents), SL 0.795590 (13) and
 *     0.888349 (14), ASA 7.83 s (14).
 * Every value is also recomputed here exactly, with BigInt rationals, from the textbook sum.
 */
const lambda = 100 / 1800;
const aht = 180;
const queue = (agents: number, thresholdSeconds = 20) => ({ agents, arrivalRate: lambda, ahtSeconds: aht, thresholdSeconds });

/** P(wait) from Σ Aᵏ/k! with A = p/q as an exact fraction, scaled by N!·q^N·(Nq − p). */
function exactProbabilityOfWait(agents: number, p: bigint, q: bigint): number {
  const n = BigInt(agents);
  let factorialRatio = 1n; // N!/k!, built from k = N downwards
  let sum = 0n;
  for (let k = agents - 1; k >= 0; k--) {
    factorialRatio *= BigInt(k + 1);
    sum += p ** BigInt(k) * q ** (n - BigInt(k)) * factorialRatio;
  }
  const top = p ** n * n * q;
  const bottom = (n * q - p) * sum + top;
  return Number((top * 10n ** 30n) / bottom) / 1e30;
}

describe('Erlang C against published values', () => {
  it('offered load of the reference example is 10 Erlangs', () => {
    expect(offeredLoad(100, 1800, 180)).toBe(10);
  });

  it('P(wait), service level and ASA for 11–14 agents', () => {
    const published: Record<number, { wait?: number; sl?: number; asa?: number }> = {
      12: { wait: 0.449388 },
      13: { sl: 0.79559 },
      14: { wait: 0.174131, sl: 0.888349, asa: 7.83 },
    };
    for (const agents of [11, 12, 13, 14]) {
      const r = erlangC(queue(agents));
      const exactWait = exactProbabilityOfWait(agents, 10n, 1n);
      expect(r.probabilityOfWait).toBeCloseTo(exactWait, 13);
      expect(r.serviceLevel).toBeCloseTo(1 - exactWait * Math.exp((-(agents - 10) * 20) / 180), 13);
      expect(r.asaSeconds).toBeCloseTo((exactWait * 180) / (agents - 10), 11);
      expect(r.occupancy).toBeCloseTo(10 / agents, 15);
      const ref = published[agents];
      if (ref?.wait !== undefined) expect(r.probabilityOfWait).toBeCloseTo(ref.wait, 5);
      if (ref?.sl !== undefined) expect(r.serviceLevel).toBeCloseTo(ref.sl, 4);
      if (ref?.asa !== undefined) expect(Math.abs(r.asaSeconds - ref.asa)).toBeLessThan(0.01);
    }
    expect(erlangB(12, 10)).toBeCloseTo(0.119739, 6);
    // pyworkforce rounds to three places.
    expect(Number(erlangC(queue(14)).serviceLevel.toFixed(3))).toBe(0.888);
    expect(Number(erlangC(queue(15)).probabilityOfWait.toFixed(3))).toBe(0.102);
  });

  it('agrees with the exact sum for non-integer traffic (A = 47/3) and 20 agents', () => {
    const wait = erlangCProbabilityOfWait(20, 47 / 3);
    expect(wait).toBeCloseTo(exactProbabilityOfWait(20, 47n, 3n), 13);
  });

  it('unstable queue: P(wait) = 1, service level 0, infinite ASA', () => {
    for (const agents of [0, 5, 10]) {
      const r = erlangC(queue(agents));
      expect(r).toMatchObject({ probabilityOfWait: 1, serviceLevel: 0, asaSeconds: Infinity, stable: false });
    }
  });

  it('zero traffic needs nobody to wait', () => {
    expect(erlangC({ agents: 3, arrivalRate: 0, ahtSeconds: 180, thresholdSeconds: 20 })).toMatchObject({
      probabilityOfWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, stable: true,
    });
  });

  it('stays finite at 10,000 Erlangs and beyond (no factorial overflow)', () => {
    for (const [agents, traffic] of [[1_050, 1_000], [10_100, 10_000], [100_400, 100_000]]) {
      const r = erlangC({ agents, arrivalRate: traffic / 180, ahtSeconds: 180, thresholdSeconds: 20 });
      for (const v of [r.probabilityOfWait, r.serviceLevel, r.asaSeconds]) expect(Number.isFinite(v)).toBe(true);
      expect(r.probabilityOfWait).toBeGreaterThan(0);
      expect(r.probabilityOfWait).toBeLessThan(1);
    }
    // Square-root staffing: with n = A + β√A, P(wait) tends to the Halfin–Whitt limit
    // [1 + β·Φ(β)/φ(β)]⁻¹ (Halfin & Whitt 1981); β = 1 gives
    // 1/(1 + 0.8413/0.2420) = 0.2234.
    const r = erlangC({ agents: 100_000 + 316, arrivalRate: 100_000 / 180, ahtSeconds: 180, thresholdSeconds: 20 });
    expect(r.probabilityOfWait).toBeCloseTo(0.2234, 2);
  });

  it('rejects nonsense input', () => {
    expect(() => erlangC(queue(2.5))).toThrow(RangeError);
    expect(() => erlangC({ ...queue(12), ahtSeconds: 0 })).toThrow(RangeError);
    expect(() => erlangC({ ...queue(12), arrivalRate: Number.NaN })).toThrow(RangeError);
  });
});

/** GMR 2002 birth–death chain summed directly, state by state (independent of the A-series). */
function birthDeath(agents: number, patienceSeconds: number) {
  const mu = 1 / aht;
  const theta = 1 / patienceSeconds;
  const p = [1];
  for (let k = 1; k < 3000; k++) p.push((p[k - 1] * lambda) / (Math.min(k, agents) * mu + Math.max(k - agents, 0) * theta));
  const total = p.reduce((a, b) => a + b, 0);
  const pi = p.map((v) => v / total);
  let wait = 0;
  let queueLength = 0;
  for (let k = agents; k < pi.length; k++) {
    wait += pi[k];
    queueLength += (k - agents) * pi[k];
  }
  return { pi, wait, abandon: (theta * queueLength) / lambda };
}

/**
 * Service level by integrating the tagged caller's backward equations with RK4: with j callers
 * ahead, Gⱼ(t) = P(answered by t) obeys Gⱼ' = (nμ + jθ)(Gⱼ₋₁ − Gⱼ) − θGⱼ, G₋₁ ≡ 1, Gⱼ(0) = 0.
 */
function serviceLevelByOde(agents: number, patienceSeconds: number, t: number): number {
  const { pi } = birthDeath(agents, patienceSeconds);
  const a = agents / aht;
  const theta = 1 / patienceSeconds;
  const size = 200;
  const deriv = (g: number[]) => g.map((gj, j) => (a + j * theta) * ((j === 0 ? 1 : g[j - 1]) - gj) - theta * gj);
  let g = new Array<number>(size).fill(0);
  const h = 0.01;
  for (let step = 0; step < Math.round(t / h); step++) {
    const k1 = deriv(g);
    const k2 = deriv(g.map((v, j) => v + (h / 2) * k1[j]));
    const k3 = deriv(g.map((v, j) => v + (h / 2) * k2[j]));
    const k4 = deriv(g.map((v, j) => v + h * k3[j]));
    g = g.map((v, j) => v + (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
  }
  let sl = 0;
  for (let k = 0; k < agents; k++) sl += pi[k];
  for (let m = 0; m < size; m++) sl += pi[agents + m] * g[m];
  return sl;
}

describe('Erlang A (Mandelbaum & Zeltyn 2007; Garnett, Mandelbaum & Reiman 2002)', () => {
  const withPatience = (agents: number, patienceSeconds: number) => erlangA({ ...queue(agents), patienceSeconds });

  it('matches the birth–death chain and the tagged-caller equations for 8–14 agents', () => {
    for (const agents of [8, 10, 13, 14]) {
      const r = withPatience(agents, 300);
      const chain = birthDeath(agents, 300);
      expect(r.probabilityOfWait).toBeCloseTo(chain.wait, 12);
      expect(r.probabilityOfAbandon).toBeCloseTo(chain.abandon, 12);
      expect(r.serviceLevel).toBeCloseTo(serviceLevelByOde(agents, 300, 20), 7);
      // M&Z closed form: P(Ab | W > 0) = 1/(ρ·A) + 1 − 1/ρ, with A recovered from P(W>0) and B.
      const rho = 10 / agents;
      const b = erlangB(agents, 10);
      const aFn = (r.probabilityOfWait * (1 - b)) / (b * (1 - r.probabilityOfWait));
      expect(r.probabilityOfAbandon / r.probabilityOfWait).toBeCloseTo(1 / (rho * aFn) + 1 - 1 / rho, 10);
    }
  });

  it('pyworkforce example (13 agents, patience 5 min): SL ≈ 0.858, P(ab) ≈ 0.025, P(wait) ≈ 0.226', () => {
    // pyworkforce README, "Erlang A": 0.8584, 0.0253, 0.2265 — the exact chain gives
    // 0.8582, 0.0250, 0.2258; the README rounds an earlier truncated computation, hence ±0.001.
    const r = withPatience(13, 300);
    expect(r.serviceLevel).toBeCloseTo(0.8584, 3);
    expect(Math.abs(r.probabilityOfAbandon - 0.0253)).toBeLessThan(0.001);
    expect(Math.abs(r.probabilityOfWait - 0.2265)).toBeLessThan(0.001);
    expect(r.meanWaitSeconds).toBeCloseTo(r.probabilityOfAbandon * 300, 12);
  });

  it('tends to Erlang C as patience grows, and equals it at Infinity', () => {
    const c = erlangC(queue(14));
    const nearlyPatient = withPatience(14, 1e8);
    expect(nearlyPatient.probabilityOfWait).toBeCloseTo(c.probabilityOfWait, 5);
    expect(nearlyPatient.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
    expect(nearlyPatient.asaSeconds).toBeCloseTo(c.asaSeconds, 3);
    expect(withPatience(14, Infinity)).toMatchObject({ probabilityOfAbandon: 0, serviceLevel: c.serviceLevel });
  });

  it('is finite when overloaded and at 1,000+ agents', () => {
    const overloaded = withPatience(5, 60); // 10 Erlangs on 5 agents: stable only thanks to abandonment
    expect(overloaded.probabilityOfAbandon).toBeCloseTo(birthDeath(5, 60).abandon, 12);
    for (const [agents, traffic, patience] of [[1_000, 1_100, 60], [2_000, 1_950, 180], [3, 18_000, 60], [2_000, 1, 60]]) {
      const r = erlangA({ agents, arrivalRate: traffic / 180, ahtSeconds: 180, patienceSeconds: patience, thresholdSeconds: 20 });
      for (const v of [r.probabilityOfWait, r.probabilityOfAbandon, r.serviceLevel, r.asaSeconds, r.occupancy]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
      expect(r.occupancy).toBeLessThanOrEqual(1);
    }
  });

  it('handles no traffic and no agents', () => {
    expect(erlangA({ ...queue(3), arrivalRate: 0, patienceSeconds: 60 })).toMatchObject({ serviceLevel: 1, probabilityOfAbandon: 0 });
    expect(withPatience(0, 60)).toMatchObject({ serviceLevel: 0, probabilityOfAbandon: 1, probabilityOfWait: 1 });
    expect(() => withPatience(3, 0)).toThrow(RangeError);
  });
});
