import { erlangA, type ErlangAResult } from './erlang-a.js';
import { erlangB, erlangCFromB } from './erlang.js';

/**
 * Staffing per interval (§8.2): the fewest agents on the phones that meet a service-level target
 * (e.g. 80 % within 20 s) under Erlang C or Erlang A, with an occupancy cap, optional ASA and
 * abandonment caps, then grossed up for shrinkage: scheduled = ⌈required / (1 − shrinkage)⌉.
 * Pure: no I/O, no clock.
 */

export type StaffingTarget = {
  /** 'erlangC' assumes infinite patience; 'erlangA' uses `patienceSeconds`. */
  model: 'erlangC' | 'erlangA';
  /** Share of calls to answer within the threshold, 0–1 (0.8 for "80/20"). */
  serviceLevel: number;
  thresholdSeconds: number;
  /** Highest acceptable occupancy, 0–1 (e.g. 0.85); 1 = no cap. */
  maxOccupancy: number;
  /** Share of paid time not on the phones (breaks, training, absence), 0 ≤ s < 1. */
  shrinkage: number;
  /** Optional ASA ceiling, seconds. */
  maxAsaSeconds?: number;
  /** Erlang A only: mean caller patience, seconds. */
  patienceSeconds?: number;
  /** Erlang A only: highest acceptable abandonment probability. */
  maxAbandonRate?: number;
};

export type IntervalDemand = {
  /** Calls expected in the interval. */
  calls: number;
  ahtSeconds: number;
};

export type StaffingResult = {
  trafficErlangs: number;
  /** Agents that must be taking calls. */
  requiredAgents: number;
  /** Agents to schedule once shrinkage is allowed for. */
  scheduledAgents: number;
  serviceLevel: number;
  probabilityOfWait: number;
  asaSeconds: number;
  occupancy: number;
  /** 0 under Erlang C. */
  probabilityOfAbandon: number;
};

/** Requirement for one interval of `intervalSeconds` with the given demand. */
export function staffInterval(demand: IntervalDemand, intervalSeconds: number, target: StaffingTarget): StaffingResult {
  validateTarget(target);
  if (!(intervalSeconds > 0)) throw new RangeError(`intervalSeconds must be positive, got ${intervalSeconds}`);
  if (!(demand.calls >= 0) || !Number.isFinite(demand.calls)) throw new RangeError(`calls must be a non-negative number, got ${demand.calls}`);
  if (!(demand.ahtSeconds > 0) || !Number.isFinite(demand.ahtSeconds)) throw new RangeError(`ahtSeconds must be positive, got ${demand.ahtSeconds}`);
  const arrivalRate = demand.calls / intervalSeconds;
  const traffic = arrivalRate * demand.ahtSeconds;
  if (traffic === 0) {
    return { trafficErlangs: 0, requiredAgents: 0, scheduledAgents: 0, serviceLevel: 1, probabilityOfWait: 0, asaSeconds: 0, occupancy: 0, probabilityOfAbandon: 0 };
  }
  const found = target.model === 'erlangC'
    ? searchErlangC(arrivalRate, demand.ahtSeconds, traffic, target)
    : searchErlangA(arrivalRate, demand.ahtSeconds, traffic, target);
  return { ...found, trafficErlangs: traffic, scheduledAgents: scheduledFor(found.requiredAgents, target.shrinkage) };
}

/** Requirement for each interval of a day (or any run of intervals of equal length). */
export function staffIntervals(demands: readonly IntervalDemand[], intervalSeconds: number, target: StaffingTarget): StaffingResult[] {
  return demands.map((demand) => staffInterval(demand, intervalSeconds, target));
}

/** Agents to schedule so that `required` remain after shrinkage. */
export function scheduledFor(required: number, shrinkage: number): number {
  // The epsilon keeps 14 / (1 − 0.3) = 20.000000000000004 from becoming 21.
  return Math.ceil(required / (1 - shrinkage) - 1e-9);
}

type Found = Omit<StaffingResult, 'trafficErlangs' | 'scheduledAgents'>;

function searchErlangC(arrivalRate: number, ahtSeconds: number, traffic: number, target: StaffingTarget): Found {
  // Every stable staffing has n > A and n ≥ A / maxOccupancy; start there and walk upwards,
  // advancing Erlang B by one recursion step per agent instead of recomputing it.
  let agents = Math.max(Math.floor(traffic) + 1, Math.ceil(traffic / target.maxOccupancy - 1e-9));
  let blocking = erlangB(agents, traffic);
  for (;;) {
    const m = erlangCFromB({ agents, arrivalRate, ahtSeconds, thresholdSeconds: target.thresholdSeconds }, traffic, blocking);
    const meets = m.stable
      && m.serviceLevel >= target.serviceLevel
      && m.occupancy <= target.maxOccupancy + 1e-12
      && (target.maxAsaSeconds === undefined || m.asaSeconds <= target.maxAsaSeconds);
    if (meets) {
      return { requiredAgents: agents, serviceLevel: m.serviceLevel, probabilityOfWait: m.probabilityOfWait, asaSeconds: m.asaSeconds, occupancy: m.occupancy, probabilityOfAbandon: 0 };
    }
    agents += 1;
    blocking = (traffic * blocking) / (agents + traffic * blocking);
  }
}

function searchErlangA(arrivalRate: number, ahtSeconds: number, traffic: number, target: StaffingTarget): Found {
  const patienceSeconds = target.patienceSeconds ?? Infinity;
  // Answered calls cannot exceed n/A of those offered, so fewer than SL·A agents never suffice.
  let agents = Math.max(1, Math.floor(target.serviceLevel * traffic));
  for (;;) {
    const m: ErlangAResult = erlangA({ agents, arrivalRate, ahtSeconds, patienceSeconds, thresholdSeconds: target.thresholdSeconds });
    const meets = m.serviceLevel >= target.serviceLevel
      && m.occupancy <= target.maxOccupancy + 1e-12
      && (target.maxAsaSeconds === undefined || m.asaSeconds <= target.maxAsaSeconds)
      && (target.maxAbandonRate === undefined || m.probabilityOfAbandon <= target.maxAbandonRate);
    if (meets) {
      return { requiredAgents: agents, serviceLevel: m.serviceLevel, probabilityOfWait: m.probabilityOfWait, asaSeconds: m.asaSeconds, occupancy: m.occupancy, probabilityOfAbandon: m.probabilityOfAbandon };
    }
    agents += 1;
  }
}

function validateTarget(t: StaffingTarget): void {
  const inUnit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  // A service level of exactly 1 is unreachable for any finite staff (there is always a chance
  // to wait), so it is refused rather than searched for ever.
  if (!inUnit(t.serviceLevel) || t.serviceLevel >= 1) throw new RangeError(`serviceLevel must be in [0, 1), got ${t.serviceLevel}`);
  if (!(t.maxOccupancy > 0 && t.maxOccupancy <= 1)) throw new RangeError(`maxOccupancy must be in (0, 1], got ${t.maxOccupancy}`);
  if (!(t.shrinkage >= 0 && t.shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), got ${t.shrinkage}`);
  if (!(t.thresholdSeconds >= 0) || !Number.isFinite(t.thresholdSeconds)) throw new RangeError(`thresholdSeconds must be ≥ 0, got ${t.thresholdSeconds}`);
  if (t.maxAsaSeconds !== undefined && !(t.maxAsaSeconds > 0)) throw new RangeError(`maxAsaSeconds must be positive, got ${t.maxAsaSeconds}`);
  if (t.model === 'erlangA' && !(t.patienceSeconds !== undefined && t.patienceSeconds > 0)) {
    throw new RangeError('erlangA staffing needs a positive patienceSeconds');
  }
  // Abandonment only approaches 0 as staff grows, so a cap of exactly 0 could never be met.
  if (t.maxAbandonRate !== undefined && !(inUnit(t.maxAbandonRate) && t.maxAbandonRate > 0)) {
    throw new RangeError(`maxAbandonRate must be in (0, 1], got ${t.maxAbandonRate}`);
  }
}
