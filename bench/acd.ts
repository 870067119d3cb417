/**
 * ACD decision benchmark (`npx tsx bench/acd.ts`), in process, no database: the target is "an ACD
 * decision p99 ≤ 1 ms with 1,000 agents and 10,000 waiting calls".
 *
 * One organization: 50 queues (mixed required skills and the four strategies, overflow to two
 * sibling queues after 60–180 s, maximum wait 20–40 min), 1,000 agents with random proficiencies.
 * Queues 0–39 are backlogged: their 800 agents are all busy and 10,000 calls of mixed tiers wait
 * there. Queues 40–49 keep 200 agents mostly ready. Each iteration advances time 50 ms and makes
 * four decisions, each timed alone with process.hrtime.bigint():
 *
 * - `agent-ready/backlog`: a busy agent of queues 0–39 becomes ready and takes the best waiting
 *   call across its queues;
 * - `call-arrives/backlog`: a call arrives in queues 0–39 and, no agent being ready, waits;
 * - `call-arrives/idle`: a call arrives in queues 40–49 and gets the best ready agent by the
 *   queue's strategy;
 * - `agent-ready/idle`: a busy agent of queues 40–49 becomes ready and, nothing waiting, joins its
 *   queues' ready agents.
 *
 * Every decision is one operation plus decide(now), so overflow and maximum-wait timers that fall
 * due are part of the decision that fires them. The baseline, in the same run, drives the same
 * seeded event stream through ScanAcd (same semantics, every decision a scan of all calls or all
 * agents) for fewer iterations; the two must make identical decisions, which is checked.
 * Options: BENCH_ACD_ITERATIONS (20,000), BENCH_ACD_BASELINE_ITERATIONS (1,000), BENCH_ACD_SEED.
 */
import os from 'node:os';
import { CUSTOMER_TIERS } from '../src/shared/tickets.js';
import { ScanAcd } from '../src/server/modules/acd/acd-reference.js';
import { AcdEngine } from '../src/server/modules/acd/acd-select.js';
import { ACD_STRATEGIES, type Acd, type AcdDecision, type AgentDefinition, type QueueDefinition } from '../src/server/modules/acd/acd-types.js';
import { meetsSkills } from '../src/server/modules/acd/acd-order.js';
import { pick, randomInt, seededRandom } from '../src/server/modules/acd/seeded-random.js';

const ITERATIONS = Number(process.env.BENCH_ACD_ITERATIONS ?? 20_000);
const BASELINE_ITERATIONS = Number(process.env.BENCH_ACD_BASELINE_ITERATIONS ?? 1_000);
const SEED = Number(process.env.BENCH_ACD_SEED ?? 2026);
const AGENTS = 1_000;
const WAITING = 10_000;
const QUEUES = 50;
const BACKLOG_QUEUES = 40;
const BACKLOG_AGENTS = 800;
const SKILLS = Array.from({ length: 12 }, (_, i) => `skill${i}`);
const TICK_MS = 50;
const KINDS = ['agent-ready/backlog', 'call-arrives/backlog', 'call-arrives/idle', 'agent-ready/idle'] as const;
type Kind = (typeof KINDS)[number];

/** Queues and agents of the organization; the same for every seed-equal run. */
function organization(random: () => number): { queues: QueueDefinition[]; agents: AgentDefinition[] } {
  const queueIds = Array.from({ length: QUEUES }, (_, i) => `q${String(i).padStart(2, '0')}`);
  const groupOf = (i: number) => (i < BACKLOG_QUEUES ? queueIds.slice(0, BACKLOG_QUEUES) : queueIds.slice(BACKLOG_QUEUES));
  const queues = queueIds.map((id, i): QueueDefinition => {
    const requiredSkills: Record<string, number> = {};
    for (let k = randomInt(random, 3); k > 0; k--) requiredSkills[pick(random, SKILLS)] = 1 + randomInt(random, 3);
    const siblings = groupOf(i).filter((q) => q !== id);
    return {
      id,
      strategy: ACD_STRATEGIES[i % ACD_STRATEGIES.length],
      requiredSkills,
      overflowAfterMs: 1000 * (60 + randomInt(random, 121)),
      overflowQueueIds: [pick(random, siblings), pick(random, siblings)],
      maxWaitMs: 60_000 * (20 + randomInt(random, 21)),
      maxWaitOutcome: i % 2 === 0 ? 'callback' : 'voicemail',
    };
  });
  const agents = Array.from({ length: AGENTS }, (_, i): AgentDefinition => {
    const skills = Object.fromEntries(SKILLS.map((s) => [s, 1 + randomInt(random, 5)]));
    const group = i < BACKLOG_AGENTS ? queues.slice(0, BACKLOG_QUEUES) : queues.slice(BACKLOG_QUEUES);
    const fit = group.filter((q) => meetsSkills(skills, q.requiredSkills ?? {}));
    const served = new Set<string>();
    for (let n = 3 + randomInt(random, 4); n > 0 && fit.length > 0; n--) served.add(pick(random, fit).id);
    return { id: `agent${String(i).padStart(4, '0')}`, skills, queueIds: [...served] };
  });
  return { queues, agents };
}

/** A set with O(1) random pick and removal: the harness's record of busy agents. */
class Pool {
  private readonly items: string[] = [];
  private readonly at = new Map<string, number>();
  get size() {
    return this.items.length;
  }
  add(id: string) {
    if (this.at.has(id)) return;
    this.at.set(id, this.items.length);
    this.items.push(id);
  }
  take(random: () => number): string | undefined {
    if (this.items.length === 0) return undefined;
    const i = randomInt(random, this.items.length);
    const id = this.items[i];
    const last = this.items.pop()!;
    if (last !== id) {
      this.items[i] = last;
      this.at.set(last, i);
    }
    this.at.delete(id);
    return id;
  }
}

type RunResult = { latencies: Record<Kind, number[]>; log: string[]; setupMs: number; waitingMin: number; waitingMax: number; expired: number; overflowed: number };

/** Runs warmup + iterations; the decisions of the first `logIterations` are logged for comparison. */
function run(makeAcd: (queues: QueueDefinition[]) => Acd, iterations: number, warmup: number, logIterations: number): RunResult {
  const random = seededRandom(SEED);
  const { queues, agents } = organization(random);
  const backlogQueues = queues.slice(0, BACKLOG_QUEUES).map((q) => q.id);
  const idleQueues = queues.slice(BACKLOG_QUEUES).map((q) => q.id);
  const acd = makeAcd(queues);
  const busy = { backlog: new Pool(), idle: new Pool() };
  const isBacklogAgent = new Set(agents.slice(0, BACKLOG_AGENTS).map((a) => a.id));
  const result: RunResult = { latencies: Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Record<Kind, number[]>, log: [], setupMs: 0, waitingMin: Infinity, waitingMax: 0, expired: 0, overflowed: 0 };
  let waiting = 0;
  const apply = (d: AcdDecision, record: boolean) => {
    for (const a of d.assignments) {
      (isBacklogAgent.has(a.agentId) ? busy.backlog : busy.idle).add(a.agentId);
      if (a.viaQueueId !== a.homeQueueId) result.overflowed++;
      if (record) result.log.push(`${a.callId}>${a.agentId}@${a.viaQueueId}`);
    }
    waiting -= d.assignments.length + d.expired.length;
    result.expired += d.expired.length;
    if (record) for (const e of d.expired) result.log.push(`${e.callId}:${e.outcome}`);
  };

  // setup: backlog agents busy, idle agents ready, 10,000 calls enqueued over the last 10 minutes
  let now = 600_000;
  const setupStart = process.hrtime.bigint();
  for (const agent of agents) {
    acd.upsertAgent(agent, now);
    acd.setAgentState(agent.id, isBacklogAgent.has(agent.id) ? 'on_call' : 'ready', now);
    if (isBacklogAgent.has(agent.id)) busy.backlog.add(agent.id);
  }
  let callNo = 0;
  const newCall = (queueIds: string[], enqueuedAt?: number) => ({ id: `call${++callNo}`, queueId: pick(random, queueIds), tier: pick(random, CUSTOMER_TIERS), enqueuedAt });
  const arrivals = Array.from({ length: WAITING }, () => now - randomInt(random, 600_000)).sort((a, b) => a - b);
  for (const at of arrivals) acd.addCall(newCall(backlogQueues, at), now);
  waiting += WAITING;
  apply(acd.decide(now), false);
  result.setupMs = Number(process.hrtime.bigint() - setupStart) / 1e6;

  let measure = false;
  let log = true;
  const timed = (kind: Kind, op: () => AcdDecision) => {
    const t0 = process.hrtime.bigint();
    const d = op();
    const ns = Number(process.hrtime.bigint() - t0);
    if (measure) result.latencies[kind].push(ns);
    // logging stops early so the harness's own garbage does not add collector pauses to the figures
    apply(d, log);
  };
  for (let i = 0; i < warmup + iterations; i++) {
    measure = i >= warmup;
    log = i < logIterations;
    now += TICK_MS;
    const readyBacklog = busy.backlog.take(random);
    if (readyBacklog) timed('agent-ready/backlog', () => (acd.setAgentState(readyBacklog, 'ready', now), acd.decide(now)));
    const backlogCall = newCall(backlogQueues);
    waiting++;
    timed('call-arrives/backlog', () => (acd.addCall(backlogCall, now), acd.decide(now)));
    const idleCall = newCall(idleQueues);
    waiting++;
    timed('call-arrives/idle', () => (acd.addCall(idleCall, now), acd.decide(now)));
    const readyIdle = busy.idle.take(random);
    if (readyIdle) timed('agent-ready/idle', () => (acd.setAgentState(readyIdle, 'ready', now), acd.decide(now)));
    result.waitingMin = Math.min(result.waitingMin, waiting);
    result.waitingMax = Math.max(result.waitingMax, waiting);
  }
  return result;
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
type Stats = { n: number; p50: number; p95: number; p99: number; p999: number; over1ms: number; max: number; perSecond: number };
function stats(ns: number[]): Stats {
  const sorted = Float64Array.from(ns).sort();
  const total = ns.reduce((s, x) => s + x, 0);
  return {
    n: ns.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    over1ms: ns.filter((x) => x > 1e6).length,
    max: sorted[sorted.length - 1],
    perSecond: ns.length / (total / 1e9),
  };
}
const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 1 : 0);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** The cost of the measuring itself: two hrtime reads around nothing. */
function timerOverhead(): Stats {
  const ns: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const t0 = process.hrtime.bigint();
    ns.push(Number(process.hrtime.bigint() - t0));
  }
  return stats(ns);
}

const loadBefore = os.loadavg();
console.log(`ACD benchmark: ${AGENTS} agents, ${WAITING} waiting calls, ${QUEUES} queues; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log(`load average before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
const overhead = timerOverhead();
const BASELINE_WARMUP = 100;
const compared = BASELINE_WARMUP + BASELINE_ITERATIONS;
const engine = run((queues) => new AcdEngine({ queues }), ITERATIONS, 2_000, compared);
const baseline = run((queues) => new ScanAcd({ queues }), BASELINE_ITERATIONS, BASELINE_WARMUP, compared);
const loadAfter = os.loadavg();

const sameDecisions = baseline.log.length > 0 && baseline.log.length === engine.log.length && baseline.log.every((entry, i) => engine.log[i] === entry);
console.log(`setup (1,000 agents + 10,000 calls): engine ${engine.setupMs.toFixed(0)} ms, scan ${baseline.setupMs.toFixed(0)} ms`);
console.log(`engine run: ${ITERATIONS} iterations; waiting calls stayed ${engine.waitingMin}–${engine.waitingMax}; ${engine.overflowed} assignments through an overflow queue; ${engine.expired} calls hit maximum wait`);
console.log(`baseline run: ${BASELINE_ITERATIONS} iterations; identical decisions to the engine over them: ${sameDecisions ? 'yes' : 'NO'} (${baseline.log.length} compared)`);
console.log(`timer overhead (hrtime pair): p50 ${int(overhead.p50)} ns, p99 ${int(overhead.p99)} ns\n`);
console.log('| decision | engine n | engine p50 / p95 / p99 / max µs | engine decisions/s | scan n | scan p50 / p99 µs | scan decisions/s | speed-up p50 / p99 |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const all = { engine: [] as number[], baseline: [] as number[] };
for (const kind of [...KINDS, 'all'] as const) {
  const e = kind === 'all' ? stats(all.engine) : stats(engine.latencies[kind]);
  const b = kind === 'all' ? stats(all.baseline) : stats(baseline.latencies[kind]);
  if (kind !== 'all') {
    all.engine.push(...engine.latencies[kind]);
    all.baseline.push(...baseline.latencies[kind]);
  }
  console.log(
    `| ${kind} | ${int(e.n)} | ${us(e.p50)} / ${us(e.p95)} / ${us(e.p99)} / ${us(e.max)} | ${int(e.perSecond)} | ${int(b.n)} | ${us(b.p50)} / ${us(b.p99)} | ${int(b.perSecond)} | ${(b.p50 / e.p50).toFixed(0)}× / ${(b.p99 / e.p99).toFixed(0)}× |`,
  );
}
const overall = stats(all.engine);
console.log(`\nload average after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`target p99 ≤ 1 ms: ${overall.p99 <= 1e6 ? 'met' : 'MISSED'} (p99 ${us(overall.p99)} µs, p99.9 ${us(overall.p999)} µs over all ${int(overall.n)} decisions; ${overall.over1ms} took longer than 1 ms)`);
if (!sameDecisions) process.exitCode = 1;
