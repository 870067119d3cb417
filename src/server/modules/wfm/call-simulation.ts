import { EventHeap } from './event-heap.js';
import { createRandom, type Random } from './prng.js';

/**
 * Discrete-event simulation of one FIFO queue (§8.5), to check a staffing plan against what
 * Erlang C / Erlang A predict. Pure and deterministic: the seed fixes every draw, no clock is read.
 *
 * Model: Poisson arrivals with a constant rate inside each interval (expectedCalls / length);
 * handle times exponential or log-normal; each caller has an exponential patience (Infinity = never
 * hangs up); `agents` of an interval take calls during it. When staff drops, agents finish their
 * current call and then stop (no call is cut off). After the last interval the last staffing stays
 * on until the queue is empty, so every offered call ends answered or abandoned.
 *
 * Abandonment is resolved lazily: under FIFO a caller is answered iff an agent frees up before the
 * caller's deadline (arrival + patience), so when an agent takes the head of the queue, callers
 * whose deadline has passed are counted as abandoned at their deadline. The event heap therefore
 * holds only call completions (at most one per busy agent); arrivals and interval boundaries are
 * generated in time order alongside it.
 *
 * Figures are attributed to the interval in which a call arrived (as service level is reported);
 * occupancy is busy agent-seconds inside the interval over staffed agent-seconds.
 */

export type HandleTimeModel =
  | { distribution: 'exponential'; meanSeconds: number }
  | { distribution: 'lognormal'; meanSeconds: number; sdSeconds: number };

export type SimulationInput = {
  intervalSeconds: number;
  intervals: readonly { expectedCalls: number; agents: number }[];
  handleTime: HandleTimeModel;
  /** Mean caller patience in seconds; Infinity = nobody abandons. */
  patienceSeconds: number;
  /** Service-level threshold T, seconds. */
  thresholdSeconds: number;
  /** Abandons faster than this are excluded from the service-level base (product default 5 s). */
  shortAbandonSeconds?: number;
  seed: number;
};

export type SimulatedFigures = {
  offered: number;
  answered: number;
  abandoned: number;
  /** Abandoned within `shortAbandonSeconds` (part of `abandoned`). */
  shortAbandoned: number;
  answeredWithinThreshold: number;
  /** answered within T / (offered − short abandons). */
  serviceLevel: number;
  /** Abandoned (all) / offered. */
  abandonRate: number;
  /** Mean wait of answered calls, seconds. */
  asaSeconds: number;
  /** Mean handle time of answered calls, seconds. */
  ahtSeconds: number;
  /** Busy / staffed agent time within the intervals simulated. */
  occupancy: number;
};

export type SimulationResult = { intervals: SimulatedFigures[]; total: SimulatedFigures };

/** Runs the simulation; see the module comment for the model. */
export function simulateQueue(input: SimulationInput): SimulationResult {
  validate(input);
  const { intervalSeconds: length, intervals, thresholdSeconds, patienceSeconds } = input;
  const shortAbandon = input.shortAbandonSeconds ?? 5;
  const count = intervals.length;
  const horizon = count * length;
  const random = createRandom(input.seed);
  const drawHandle = handleTimeSampler(input.handleTime, random);
  const stats = new IntervalStats(count);
  const queue = new CallQueue();
  const completions = new EventHeap(256);

  let busy = 0;
  let agentsNow = intervals[0].agents;
  let nextBoundaryIndex = 1;
  let arrivalInterval = 0;
  let nextArrival = nextArrivalFrom(0);

  function nextArrivalFrom(from: number): number {
    let t = from;
    while (arrivalInterval < count) {
      const rate = intervals[arrivalInterval].expectedCalls / length;
      const end = (arrivalInterval + 1) * length;
      if (rate > 0) {
        const candidate = t + random.exponential(1 / rate);
        if (candidate < end) return candidate;
      }
      // Memorylessness: restarting the clock at the boundary with the next rate is exact.
      t = end;
      arrivalInterval++;
    }
    return Infinity;
  }

  function addBusy(start: number, end: number): void {
    const last = Math.min(end, horizon);
    let t = start;
    while (t < last) {
      const index = Math.floor(t / length);
      const stop = Math.min(last, (index + 1) * length);
      stats.busy[index] += stop - t;
      t = stop;
    }
  }

  function startService(now: number, arrivedAt: number, handle: number, index: number): void {
    const wait = now - arrivedAt;
    stats.answered[index]++;
    stats.waitSum[index] += wait;
    stats.handleSum[index] += handle;
    if (wait <= thresholdSeconds) stats.within[index]++;
    busy++;
    completions.push(now + handle, 0);
    addBusy(now, now + handle);
  }

  function dispatch(now: number): void {
    while (busy < agentsNow && queue.size > 0) {
      const head = queue.head;
      queue.shift();
      const deadline = queue.deadline[head];
      const index = queue.interval[head];
      if (deadline < now) {
        stats.abandoned[index]++;
        if (deadline - queue.arrival[head] < shortAbandon) stats.shortAbandoned[index]++;
        continue;
      }
      startService(now, queue.arrival[head], queue.handle[head], index);
    }
  }

  for (;;) {
    const completionAt = completions.peekTime();
    const boundaryAt = nextBoundaryIndex < count ? nextBoundaryIndex * length : Infinity;
    // Completions first on ties, so a freed agent can take a caller arriving at that instant.
    if (completionAt <= nextArrival && completionAt <= boundaryAt && completionAt < Infinity) {
      completions.pop();
      busy--;
      dispatch(completionAt);
    } else if (boundaryAt <= nextArrival && boundaryAt < Infinity) {
      agentsNow = intervals[nextBoundaryIndex++].agents;
      dispatch(boundaryAt);
    } else if (nextArrival < Infinity) {
      const now = nextArrival;
      const index = arrivalInterval;
      const handle = drawHandle();
      const deadline = patienceSeconds === Infinity ? Infinity : now + random.exponential(patienceSeconds);
      stats.offered[index]++;
      if (busy < agentsNow && queue.size === 0) startService(now, now, handle, index);
      else {
        queue.push(now, deadline, handle, index);
        // Free agents with a non-empty queue means its head callers have already hung up.
        if (busy < agentsNow) dispatch(now);
      }
      nextArrival = nextArrivalFrom(now);
    } else {
      break; // no arrivals, boundaries or completions left
    }
  }
  // Anyone still queued had no agent left at all: they abandon at their deadline.
  while (queue.size > 0) {
    const head = queue.head;
    queue.shift();
    stats.abandoned[queue.interval[head]]++;
  }
  return stats.summarize(intervals, length);
}

function handleTimeSampler(model: HandleTimeModel, random: Random): () => number {
  if (model.distribution === 'exponential') return () => random.exponential(model.meanSeconds);
  // Log-normal with the requested mean m and standard deviation s: σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
  const sigma2 = Math.log(1 + (model.sdSeconds * model.sdSeconds) / (model.meanSeconds * model.meanSeconds));
  const mu = Math.log(model.meanSeconds) - sigma2 / 2;
  const sigma = Math.sqrt(sigma2);
  return () => Math.exp(mu + sigma * random.normal());
}

/** FIFO of waiting callers in growable typed-array rings (no object per call). */
class CallQueue {
  arrival = new Float64Array(1024);
  deadline = new Float64Array(1024);
  handle = new Float64Array(1024);
  interval = new Int32Array(1024);
  head = 0;
  size = 0;

  push(arrival: number, deadline: number, handle: number, interval: number): void {
    if (this.size === this.arrival.length) this.grow();
    const slot = (this.head + this.size) & (this.arrival.length - 1);
    this.arrival[slot] = arrival;
    this.deadline[slot] = deadline;
    this.handle[slot] = handle;
    this.interval[slot] = interval;
    this.size++;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.arrival.length - 1);
    this.size--;
  }

  private grow(): void {
    const capacity = this.arrival.length;
    const reorder = <T extends Float64Array | Int32Array>(source: T, target: T): T => {
      for (let i = 0; i < this.size; i++) target[i] = source[(this.head + i) & (capacity - 1)];
      return target;
    };
    this.arrival = reorder(this.arrival, new Float64Array(capacity * 2));
    this.deadline = reorder(this.deadline, new Float64Array(capacity * 2));
    this.handle = reorder(this.handle, new Float64Array(capacity * 2));
    this.interval = reorder(this.interval, new Int32Array(capacity * 2));
    this.head = 0;
  }
}

class IntervalStats {
  offered: Float64Array; answered: Float64Array; abandoned: Float64Array; shortAbandoned: Float64Array;
  within: Float64Array; waitSum: Float64Array; handleSum: Float64Array; busy: Float64Array;

  constructor(count: number) {
    this.offered = new Float64Array(count);
    this.answered = new Float64Array(count);
    this.abandoned = new Float64Array(count);
    this.shortAbandoned = new Float64Array(count);
    this.within = new Float64Array(count);
    this.waitSum = new Float64Array(count);
    this.handleSum = new Float64Array(count);
    this.busy = new Float64Array(count);
  }

  summarize(intervals: SimulationInput['intervals'], length: number): SimulationResult {
    const per: SimulatedFigures[] = [];
    const sum = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, within: 0, waitSum: 0, handleSum: 0, busy: 0, staffed: 0 };
    for (let i = 0; i < intervals.length; i++) {
      const row = {
        offered: this.offered[i], answered: this.answered[i], abandoned: this.abandoned[i], shortAbandoned: this.shortAbandoned[i],
        within: this.within[i], waitSum: this.waitSum[i], handleSum: this.handleSum[i], busy: this.busy[i], staffed: intervals[i].agents * length,
      };
      per.push(figures(row));
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += row[key];
    }
    return { intervals: per, total: figures(sum) };
  }
}

function figures(r: { offered: number; answered: number; abandoned: number; shortAbandoned: number; within: number; waitSum: number; handleSum: number; busy: number; staffed: number }): SimulatedFigures {
  const base = r.offered - r.shortAbandoned;
  return {
    offered: r.offered,
    answered: r.answered,
    abandoned: r.abandoned,
    shortAbandoned: r.shortAbandoned,
    answeredWithinThreshold: r.within,
    serviceLevel: base > 0 ? r.within / base : 1,
    abandonRate: r.offered > 0 ? r.abandoned / r.offered : 0,
    asaSeconds: r.answered > 0 ? r.waitSum / r.answered : 0,
    ahtSeconds: r.answered > 0 ? r.handleSum / r.answered : 0,
    occupancy: r.staffed > 0 ? r.busy / r.staffed : 0,
  };
}

function validate(input: SimulationInput): void {
  if (!(input.intervalSeconds > 0)) throw new RangeError('intervalSeconds must be positive');
  if (input.intervals.length === 0) throw new RangeError('at least one interval is needed');
  for (const { expectedCalls, agents } of input.intervals) {
    if (!(expectedCalls >= 0 && Number.isFinite(expectedCalls))) throw new RangeError(`expectedCalls must be ≥ 0, got ${expectedCalls}`);
    if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a non-negative integer, got ${agents}`);
  }
  if (!(input.handleTime.meanSeconds > 0)) throw new RangeError('handle time mean must be positive');
  if (input.handleTime.distribution === 'lognormal' && !(input.handleTime.sdSeconds > 0)) throw new RangeError('log-normal sdSeconds must be positive');
  if (!(input.patienceSeconds > 0)) throw new RangeError('patienceSeconds must be positive (Infinity for none)');
  if (!(input.thresholdSeconds >= 0)) throw new RangeError('thresholdSeconds must be ≥ 0');
}
