import { describe, expect, it } from 'vitest';
import { erlangC } from './erlang.js';
import { scheduledFor, staffInterval, staffIntervals, type StaffingTarget } from './staffing.js';

// pyworkforce README / tests (github.com/rodrigo-arenas/pyworkforce): 100 calls per 30 min,
// AHT 3 min, 80 % in 20 s, 85 % occupancy cap, 30 % shrinkage → 14 raw positions, 20 scheduled;
// with a 70 % cap → 15 raw, 22 scheduled.
const target: StaffingTarget = { model: 'erlangC', serviceLevel: 0.8, thresholdSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3 };
const demand = { calls: 100, ahtSeconds: 180 };

describe('staffing', () => {
  it('80/20 on 10 Erlangs needs 14 agents and 20 scheduled at 30 % shrinkage', () => {
    const r = staffInterval(demand, 1800, target);
    expect(r).toMatchObject({ requiredAgents: 14, scheduledAgents: 20 });
    expect(r.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(r.occupancy).toBeCloseTo(0.7143, 4);
    // 13 agents are genuinely short (0.7956 < 0.8).
    expect(erlangC({ agents: 13, arrivalRate: 100 / 1800, ahtSeconds: 180, thresholdSeconds: 20 }).serviceLevel).toBeLessThan(0.8);
  });

  it('the occupancy cap binds: 70 % → 15 agents, 22 scheduled', () => {
    expect(staffInterval(demand, 1800, { ...target, maxOccupancy: 0.7 })).toMatchObject({ requiredAgents: 15, scheduledAgents: 22 });
  });

  it('an ASA ceiling can bind too', () => {
    const r = staffInterval(demand, 1800, { ...target, maxAsaSeconds: 5 });
    expect(r.requiredAgents).toBe(15);
    expect(r.asaSeconds).toBeLessThanOrEqual(5);
  });

  it('Erlang A needs no more agents than Erlang C and meets every cap', () => {
    const a = staffInterval(demand, 1800, { ...target, model: 'erlangA', patienceSeconds: 300, maxAbandonRate: 0.05 });
    expect(a.requiredAgents).toBeLessThanOrEqual(14);
    expect(a.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(a.probabilityOfAbandon).toBeLessThanOrEqual(0.05);
    expect(a.occupancy).toBeLessThanOrEqual(0.85);
  });

  it('scheduled = ⌈required / (1 − shrinkage)⌉ without floating-point overshoot', () => {
    expect(scheduledFor(14, 0.3)).toBe(20);
    expect(scheduledFor(15, 0.3)).toBe(22);
    expect(scheduledFor(7, 0)).toBe(7);
  });

  it('plans a day of intervals, with closed intervals needing nobody', () => {
    const plan = staffIntervals([{ calls: 0, ahtSeconds: 180 }, demand, { calls: 200, ahtSeconds: 180 }], 1800, target);
    expect(plan.map((p) => p.requiredAgents)).toEqual([0, 14, 24]);
    expect(plan[0].scheduledAgents).toBe(0);
  });

  it('stays fast and finite for 1,000+ agents', () => {
    const r = staffInterval({ calls: 20_000, ahtSeconds: 180 }, 1800, target); // 2,000 Erlangs
    expect(r.requiredAgents).toBeGreaterThan(2_000);
    expect(r.requiredAgents).toBeLessThan(2_400);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('rejects unreachable or malformed targets', () => {
    expect(() => staffInterval(demand, 1800, { ...target, serviceLevel: 1 })).toThrow(RangeError);
    expect(() => staffInterval(demand, 1800, { ...target, shrinkage: 1 })).toThrow(RangeError);
    expect(() => staffInterval(demand, 1800, { ...target, maxOccupancy: 0 })).toThrow(RangeError);
    expect(() => staffInterval(demand, 1800, { ...target, model: 'erlangA' })).toThrow(RangeError);
    expect(() => staffInterval({ calls: -1, ahtSeconds: 180 }, 1800, target)).toThrow(RangeError);
  });
});
