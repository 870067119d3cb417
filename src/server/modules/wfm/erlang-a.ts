import { clamp01, erlangC, validateQueue } from './erlang.js';

/**
 * Erlang A (Palm's M/M/n+M queue): Erlang C plus callers who hang up after an exponentially
 * distributed patience. Pure: no I/O, no clock. Times in seconds, rates per second.
 *
 * Notation of Mandelbaum & Zeltyn, "The Palm/Erlang-A Queue, with Applications to Call Centers"
 * (Technion, 2007) and Garnett, Mandelbaum & Reiman, "Designing a Call Center with Impatient
 * Customers", M&SOM 4(3), 2002: λ arrival rate, μ = 1/AHT, θ = 1/mean patience, n agents,
 * x = nμ/θ, y = λ/θ, ρ = λ/(nμ), E₁,ₙ the Erlang B value of n servers at λ/μ Erlangs, and
 *
 *   A(x, y) = x·eʸ·y⁻ˣ·γ(x, y) = Σ_{m≥0} yᵐ / ((x+1)(x+2)…(x+m))
 *   P(W > 0)  = A·E₁,ₙ / (1 + (A − 1)·E₁,ₙ)
 *   P(Ab)     = P(W > 0) · (1 − 1/ρ + 1/(ρ·A))
 *   P(answered within t) = 1 − P(W > 0) + πₙ·x·eʸ·y^{−(x+1)}·[γ(x+1, y) − γ(x+1, y·e^{−θt})]
 *
 * where γ is the lower incomplete gamma function and πₙ = P(W > 0)/A. The series form of A is the
 * birth–death stationary distribution of GMR 2002 (πₙ₊ₘ/πₙ), so it is summed term by term with
 * positive terms only (no cancellation) and a running log-scale, which stays finite for thousands
 * of agents and overloaded queues alike; γ(x+1, z) is evaluated by the same kind of positive
 * series, zᵡ⁺¹e⁻ᶻ·Σ zᵏ/((x+1)…(x+1+k)). Erlang B enters through log(1/E₁,ₙ − 1), computed by the
 * recursion 1/B(k) = 1 + (k/A)/B(k−1) in log space, so it cannot underflow either.
 *
 * The ASA of answered calls uses, per state with m callers ahead, P(answered) = x/(x+m+1) and
 * E[wait; answered] = x/(x+m+1) · Σ_{i=1}^{m+1} 1/(θ(x+i)) (the offered wait is a sum of
 * exponential phases of rates nμ + iθ, each survived with probability (nμ+iθ)/(nμ+(i+1)θ)).
 */

export type ErlangAInput = {
  agents: number;
  /** Calls per second. */
  arrivalRate: number;
  ahtSeconds: number;
  /** Mean caller patience, seconds; Infinity means nobody abandons (Erlang C). */
  patienceSeconds: number;
  thresholdSeconds: number;
};

export type ErlangAResult = {
  trafficErlangs: number;
  /** Probability that a caller finds every agent busy. */
  probabilityOfWait: number;
  /** Probability that a caller hangs up before being answered. */
  probabilityOfAbandon: number;
  /** Share of all offered calls answered within the threshold (abandoned calls count as misses). */
  serviceLevel: number;
  /** Mean wait of answered calls, seconds (calls answered at once count as 0). */
  asaSeconds: number;
  /** Mean wait of all calls, answered or abandoned: P(Ab)/θ by Little's law. */
  meanWaitSeconds: number;
  /** Handled load over agents: λ·(1 − P(Ab))·AHT / n. */
  occupancy: number;
};

const RESCALE = 1e280;
const LOG_RESCALE = Math.log(RESCALE);
/** Beyond this many terms the patience is so long relative to AHT that Erlang C is the answer. */
const MAX_TERMS = 20_000_000;

/** Erlang A measures of one interval (see the module comment for the formulas and sources). */
export function erlangA(input: ErlangAInput): ErlangAResult {
  validateQueue(input);
  const { agents, arrivalRate, ahtSeconds, patienceSeconds, thresholdSeconds } = input;
  if (!(patienceSeconds > 0)) throw new RangeError(`patienceSeconds must be positive, got ${patienceSeconds}`);
  const traffic = arrivalRate * ahtSeconds;
  if (patienceSeconds === Infinity) return fromErlangC(input, traffic);
  if (traffic === 0) {
    return { trafficErlangs: 0, probabilityOfWait: 0, probabilityOfAbandon: 0, serviceLevel: 1, asaSeconds: 0, meanWaitSeconds: 0, occupancy: 0 };
  }
  if (agents === 0) {
    return { trafficErlangs: traffic, probabilityOfWait: 1, probabilityOfAbandon: 1, serviceLevel: 0, asaSeconds: Infinity, meanWaitSeconds: patienceSeconds, occupancy: 0 };
  }

  const theta = 1 / patienceSeconds;
  const x = agents / ahtSeconds / theta;
  const y = arrivalRate / theta;
  const tail = summedTail(x, y);
  // P(W>0) = 1 / (1 + (1/B − 1)/A), with both terms carried as logarithms.
  const wait = 1 / (1 + Math.exp(logInverseBlockingMinusOne(agents, traffic) - tail.logA));
  const answeredAfterWaitShare = tail.answeredShare; // P(answered | waited)
  const abandon = wait * (1 - answeredAfterWaitShare);
  const answered = 1 - abandon;

  // P(0 < W ≤ t, answered) = πₙ·x·eʸ·y^{−(x+1)}·[γ(x+1, y) − γ(x+1, y·u)], u = e^{−θt};
  // the first term equals πₙ·(x/y)·(A − 1), the second is built from its series in logs.
  const u = Math.exp(-theta * thresholdSeconds);
  const logLate = Math.log(x / (x + 1)) - (x + 1) * theta * thresholdSeconds + y * (1 - u) + logPositiveSeries(y * u, x + 2);
  const answeredWithinAfterWait = answeredAfterWaitShare - Math.exp(logLate - tail.logA);
  const serviceLevel = clamp01(1 - wait + wait * Math.max(0, answeredWithinAfterWait));

  const waitOfAnsweredTotal = (wait * tail.answeredWaitShare) / theta;
  return {
    trafficErlangs: traffic,
    probabilityOfWait: wait,
    probabilityOfAbandon: abandon,
    serviceLevel,
    asaSeconds: answered > 0 ? waitOfAnsweredTotal / answered : Infinity,
    meanWaitSeconds: abandon / theta,
    occupancy: Math.min(1, (traffic * answered) / agents),
  };
}

function fromErlangC(input: ErlangAInput, traffic: number): ErlangAResult {
  const c = erlangC(input);
  return {
    trafficErlangs: traffic,
    probabilityOfWait: c.probabilityOfWait,
    probabilityOfAbandon: 0,
    serviceLevel: c.serviceLevel,
    asaSeconds: c.asaSeconds,
    meanWaitSeconds: c.asaSeconds,
    occupancy: c.occupancy,
  };
}

/**
 * Σ over the waiting states m ≥ 0 of rₘ = πₙ₊ₘ/πₙ = yᵐ/((x+1)…(x+m)), i.e. A(x, y), together with
 * the answered share and the (θ-scaled) answered wait among waiting callers.
 */
function summedTail(x: number, y: number): { logA: number; answeredShare: number; answeredWaitShare: number } {
  let term = 1;
  let sum = 0;
  let answered = 0;
  let answeredWait = 0;
  let harmonic = 0;
  let logScale = 0;
  for (let m = 0; ; m++) {
    const answerChance = x / (x + m + 1);
    harmonic += 1 / (x + m + 1);
    sum += term;
    answered += term * answerChance;
    answeredWait += term * answerChance * harmonic;
    if (sum > RESCALE) {
      sum /= RESCALE;
      answered /= RESCALE;
      answeredWait /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    // Terms rise while y > x + m and fall geometrically after; stop once they no longer count.
    if (m + 1 > y - x && term < 1e-17 * sum) break;
    if (m > MAX_TERMS) throw new RangeError('patience too long relative to AHT for Erlang A; use Erlang C');
    term *= y / (x + m + 1);
  }
  return { logA: Math.log(sum) + logScale, answeredShare: answered / sum, answeredWaitShare: answeredWait / sum };
}

/** log Σ_{k≥0} zᵏ / (c(c+1)…(c+k−1)) for z ≥ 0, c > 0: the series of γ(c, z)·z^{−c}·e^{z}·c. */
function logPositiveSeries(z: number, c: number): number {
  let term = 1;
  let sum = 0;
  let logScale = 0;
  for (let k = 0; ; k++) {
    sum += term;
    if (sum > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    if (k + 1 > z - c && term < 1e-17 * sum) break;
    if (k > MAX_TERMS) throw new RangeError('series did not converge');
    term *= z / (c + k);
  }
  return Math.log(sum) + logScale;
}

/** log(1/B − 1) for Erlang B with n servers at `traffic` Erlangs, without under- or overflow. */
function logInverseBlockingMinusOne(agents: number, traffic: number): number {
  // L(k) = log(1/B(k)) = log(1 + (k/A)·e^{L(k−1)}), L(0) = 0.
  let logInverse = 0;
  const logTraffic = Math.log(traffic);
  for (let k = 1; k <= agents; k++) {
    const s = Math.log(k) - logTraffic + logInverse;
    logInverse = s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
  }
  return logInverse + Math.log(-Math.expm1(-logInverse));
}
