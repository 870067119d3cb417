/**
 * Erlang B and Erlang C (M/M/n) queue measures for staffing one interval of one queue. Pure: no
 * I/O, no clock. Times are in seconds, rates per second.
 *
 * Numerics: no factorials or powers. Erlang B comes from the recursion
 * B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), whose terms stay in [0, 1] for any traffic, and
 * Erlang C from B as C = n·B / (n − A·(1 − B)). Both are exact rewrites of the textbook sums, so
 * 10,000 agents cost 10,000 multiply-adds and never overflow.
 *
 * Erlang A (with abandonment) lives in `erlang-a.ts`; staffing searches in `staffing.ts`.
 */

export type ErlangCInput = {
  /** Agents taking calls (already net of shrinkage). */
  agents: number;
  /** Calls per second. */
  arrivalRate: number;
  /** Average handle time (talk + hold + wrap-up), seconds. */
  ahtSeconds: number;
  /** Service-level threshold T: "answered within T seconds". */
  thresholdSeconds: number;
};

export type ErlangCResult = {
  /** Offered load A = λ · AHT, in Erlangs. */
  trafficErlangs: number;
  /** Probability that a call waits at all (the Erlang C value). */
  probabilityOfWait: number;
  /** Share of calls answered within the threshold. */
  serviceLevel: number;
  /** Average speed of answer over all calls (those answered at once count as 0), seconds. */
  asaSeconds: number;
  /** Share of agent time spent handling calls: A / n, capped at 1. */
  occupancy: number;
  /** False when n ≤ A: the queue grows without bound and the figures are limits, not averages. */
  stable: boolean;
};

/** Offered load in Erlangs for `calls` arriving over `intervalSeconds` with the given AHT. */
export function offeredLoad(calls: number, intervalSeconds: number, ahtSeconds: number): number {
  assertFinite('intervalSeconds', intervalSeconds, { positive: true });
  return (calls * ahtSeconds) / intervalSeconds;
}

/**
 * Erlang B blocking probability for `agents` servers and `traffic` Erlangs (M/M/n/n), by the
 * stable recursion. Non-integer agent counts are rejected: a fractional agent has no meaning.
 */
export function erlangB(agents: number, traffic: number): number {
  assertAgents(agents);
  assertFinite('traffic', traffic, { nonNegative: true });
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/**
 * Erlang C probability of waiting for `agents` and `traffic` Erlangs. Returns 1 when the queue is
 * unstable (agents ≤ traffic): every call eventually waits.
 */
export function erlangCProbabilityOfWait(agents: number, traffic: number): number {
  return probabilityOfWaitFromB(agents, traffic, erlangB(agents, traffic));
}

/** Erlang C from an Erlang B value already computed for the same agents and traffic. */
export function probabilityOfWaitFromB(agents: number, traffic: number, blocking: number): number {
  if (traffic === 0) return 0;
  if (agents <= traffic) return 1;
  return (agents * blocking) / (agents - traffic * (1 - blocking));
}

/**
 * All Erlang C measures of one interval: probability of waiting, service level within the
 * threshold (SL = 1 − C·e^{−(n−A)·T/AHT}), ASA (C·AHT/(n−A)) and occupancy. An unstable queue
 * (n ≤ A) reports P(wait) = 1, service level 0 and an infinite ASA rather than negative numbers.
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  validateQueue(input);
  const traffic = input.arrivalRate * input.ahtSeconds;
  return erlangCFromB(input, traffic, erlangB(input.agents, traffic));
}

/** Erlang C measures when Erlang B for (agents, traffic) is already known (staffing searches). */
export function erlangCFromB(input: ErlangCInput, traffic: number, blocking: number): ErlangCResult {
  const { agents, ahtSeconds, thresholdSeconds } = input;
  if (traffic === 0) {
    return { trafficErlangs: 0, probabilityOfWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, stable: true };
  }
  if (agents <= traffic) {
    return { trafficErlangs: traffic, probabilityOfWait: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 1, stable: false };
  }
  const wait = probabilityOfWaitFromB(agents, traffic, blocking);
  const spare = agents - traffic;
  return {
    trafficErlangs: traffic,
    probabilityOfWait: wait,
    serviceLevel: clamp01(1 - wait * Math.exp((-spare * thresholdSeconds) / ahtSeconds)),
    asaSeconds: (wait * ahtSeconds) / spare,
    occupancy: traffic / agents,
    stable: true,
  };
}

/** Shared argument checks for the queue models; throws RangeError on nonsense input. */
export function validateQueue(input: { agents: number; arrivalRate: number; ahtSeconds: number; thresholdSeconds: number }): void {
  assertAgents(input.agents);
  assertFinite('arrivalRate', input.arrivalRate, { nonNegative: true });
  assertFinite('ahtSeconds', input.ahtSeconds, { positive: true });
  assertFinite('thresholdSeconds', input.thresholdSeconds, { nonNegative: true });
}

function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a non-negative integer, got ${agents}`);
}

function assertFinite(name: string, value: number, rule: { positive?: boolean; nonNegative?: boolean }): void {
  const ok = Number.isFinite(value) && (rule.positive ? value > 0 : rule.nonNegative ? value >= 0 : true);
  if (!ok) throw new RangeError(`${name} must be a finite ${rule.positive ? 'positive' : 'non-negative'} number, got ${value}`);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
