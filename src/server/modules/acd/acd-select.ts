import { checkAgent, normalizeQueues, normalizeTierWeights } from './acd-config.js';
import { callBefore, meetsSkills, skillScore } from './acd-order.js';
import { type AgentRecord, type CallRecord, newQueueRuntime, type Offer, type QueueRuntime, type Seat, type Timer, type TimerKind, timerBefore } from './acd-runtime.js';
import type { Acd, AcdAgentState, AcdDecision, AcdOptions, AgentDefinition, Assignment, CallInput, ExpiredCall, TierWeights } from './acd-types.js';
import { IndexedHeap } from './indexed-heap.js';

/**
 * §7.3 automatic call distribution for one organization, in memory and pure: no I/O, and time
 * only as the `now` each operation is given (epoch ms; a `now` earlier than one already seen counts
 * as the latest, so time never runs backwards inside the engine).
 *
 * Every operation first fires the timers due by its `now` (overflow, maximum wait), then applies
 * itself and settles: the engine keeps the invariant that no ready agent is eligible for a queue
 * holding a waiting call. So a decision is always local:
 * - a call arrives → the best ready agent of its queue (then of its overflow queues, in their
 *   configured order, once the overflow timeout has passed), by that queue's strategy;
 * - an agent becomes ready → the best waiting call across the queues it is eligible for (tier
 *   weight, then FIFO), through the first such queue in definition order.
 * Assigning sets the agent on_call and removes the call, so an agent never holds two calls and a
 * call never goes to two agents. decide(now) returns what was decided since its last call.
 *
 * Deterministic tie-breaks (the same operations always give the same decisions):
 * - calls: tier weight, then enqueuedAt, then the order addCall received them (acd-order.ts);
 * - agents within a queue: the strategy's key, then agent id (acd-order.ts);
 * - between queues: a call tries its own queue before its overflow queues, those in configured
 *   order; an agent takes the call through the first of its queues in definition order;
 * - timers: by due time, then call arrival order, expiry before overflow for one call;
 * - events at the same `now`: in the order the operations are called.
 *
 * Costs: a decision peeks at one heap per queue involved and removes the winner from its heaps:
 * O(q log n) for q queues per agent or call and n items per queue, independent of the total.
 */
export class AcdEngine implements Acd {
  private readonly queueList: QueueRuntime[];
  private readonly queues = new Map<string, QueueRuntime>();
  private readonly weights: TierWeights;
  private readonly agents = new Map<string, AgentRecord>();
  private readonly calls = new Map<string, CallRecord>();
  private readonly timers = new IndexedHeap<Timer>(timerBefore);
  private clock = -Infinity;
  private callSeq = 0;
  private assignmentCounter = 0;
  private assignments: Assignment[] = [];
  private expired: ExpiredCall[] = [];

  constructor(options: AcdOptions) {
    this.weights = normalizeTierWeights(options.tierWeights);
    this.queueList = normalizeQueues(options.queues).map(newQueueRuntime);
    for (const q of this.queueList) this.queues.set(q.config.id, q);
    for (const q of this.queueList) q.overflowTargets = q.config.overflowQueueIds.map((id) => this.queues.get(id)!);
  }

  upsertAgent(definition: AgentDefinition, now: number): void {
    this.advance(now);
    checkAgent(definition, new Set(this.queues.keys()));
    let agent = this.agents.get(definition.id);
    if (!agent) {
      agent = { id: definition.id, skills: {}, state: 'not_ready', readySince: 0, callsToday: 0, seats: [], turns: new Map() };
      this.agents.set(agent.id, agent);
    } else if (agent.state === 'ready') {
      this.leaveReady(agent);
    }
    agent.skills = { ...definition.skills };
    const served = new Set(definition.queueIds);
    const record = agent;
    agent.seats = this.queueList
      .filter((q) => served.has(q.config.id) && meetsSkills(record.skills, q.config.requiredSkills))
      .map((queue) => ({
        heapIndex: -1,
        agent: record,
        queue,
        agentId: record.id,
        readySince: 0,
        callsToday: 0,
        turn: record.turns.get(queue.config.id) ?? 0,
        score: skillScore(record.skills, queue.config.requiredSkills),
      }));
    // a reconfigured ready agent keeps its place in the idle order but may now match waiting calls
    if (agent.state === 'ready') this.offerAgent(agent);
  }

  removeAgent(agentId: string, now: number): void {
    this.advance(now);
    const agent = this.agents.get(agentId);
    if (!agent) return;
    if (agent.state === 'ready') this.leaveReady(agent);
    this.agents.delete(agentId);
  }

  setAgentState(agentId: string, state: AcdAgentState, now: number): void {
    this.advance(now);
    const agent = this.agentOf(agentId);
    if (agent.state === state) return;
    if (agent.state === 'ready') this.leaveReady(agent);
    agent.state = state;
    if (state === 'ready') {
      agent.readySince = this.clock;
      this.offerAgent(agent);
    }
  }

  addCall(input: CallInput, now: number): void {
    this.advance(now);
    const queue = this.queueOf(input.queueId);
    if (this.calls.has(input.id)) throw new Error(`call ${input.id} is already waiting`);
    const at = this.clock;
    const enqueuedAt = Math.min(input.enqueuedAt ?? now, at);
    const call: CallRecord = { id: input.id, queue, tier: input.tier, weight: this.weights[input.tier], enqueuedAt, seq: ++this.callSeq, offers: [], timers: [] };
    const { maxWaitMs, overflowAfterMs } = queue.config;
    if (enqueuedAt + maxWaitMs <= at) {
      this.expired.push(expiredOf(call, at));
      return;
    }
    const overflowDue = enqueuedAt + overflowAfterMs <= at;
    const seat = firstReadySeat(overflowDue ? [queue, ...queue.overflowTargets] : [queue]);
    if (seat) {
      this.assign(call, seat, at);
      return;
    }
    this.calls.set(call.id, call);
    this.offer(call, queue);
    if (overflowDue) for (const target of queue.overflowTargets) this.offer(call, target);
    else if (overflowAfterMs !== Infinity) this.schedule(call, 'overflow', enqueuedAt + overflowAfterMs);
    if (maxWaitMs !== Infinity) this.schedule(call, 'expire', enqueuedAt + maxWaitMs);
  }

  removeCall(callId: string, now: number): boolean {
    this.advance(now);
    const call = this.calls.get(callId);
    if (!call) return false;
    this.dropCall(call);
    return true;
  }

  resetDailyCounts(now: number): void {
    this.advance(now);
    for (const agent of this.agents.values()) {
      agent.callsToday = 0;
      for (const seat of agent.seats) seat.callsToday = 0;
    }
    for (const q of this.queueList) if (q.config.strategy === 'least_calls') q.ready.rebuild();
  }

  decide(now: number): AcdDecision {
    this.advance(now);
    const decision = { assignments: this.assignments, expired: this.expired };
    this.assignments = [];
    this.expired = [];
    return decision;
  }

  /** The agent's state, or undefined for an unknown agent. */
  agentStateOf(agentId: string): AcdAgentState | undefined {
    return this.agents.get(agentId)?.state;
  }

  /** Calls waiting in the organization, or offered to one queue (its own and overflowed ones). */
  waitingCount(queueId?: string): number {
    return queueId === undefined ? this.calls.size : this.queueOf(queueId).calls.size;
  }

  /** Ready agents eligible for the queue. */
  readyCount(queueId: string): number {
    return this.queueOf(queueId).ready.size;
  }

  private advance(now: number): void {
    if (now > this.clock) this.clock = now;
    for (let timer = this.timers.peek(); timer !== undefined && timer.at <= this.clock; timer = this.timers.peek()) {
      this.timers.pop();
      this.fire(timer);
    }
  }

  private fire(timer: Timer): void {
    const call = timer.call;
    if (this.calls.get(call.id) !== call) return;
    if (timer.kind === 'expire') {
      this.dropCall(call);
      this.expired.push(expiredOf(call, timer.at));
      return;
    }
    const seat = firstReadySeat(call.queue.overflowTargets);
    if (seat) this.assign(call, seat, timer.at);
    else for (const target of call.queue.overflowTargets) this.offer(call, target);
  }

  /** A ready agent takes the best call it may serve, or waits in the ready heaps of its queues. */
  private offerAgent(agent: AgentRecord): void {
    let best: Offer | undefined;
    let bestSeat: Seat | undefined;
    for (const seat of agent.seats) {
      const top = seat.queue.calls.peek();
      if (top !== undefined && (best === undefined || callBefore(top.call, best.call))) {
        best = top;
        bestSeat = seat;
      }
    }
    if (best !== undefined && bestSeat !== undefined) {
      this.assign(best.call, bestSeat, this.clock);
      return;
    }
    for (const seat of agent.seats) {
      seat.readySince = agent.readySince;
      seat.callsToday = agent.callsToday;
      seat.queue.ready.push(seat);
    }
  }

  private leaveReady(agent: AgentRecord): void {
    for (const seat of agent.seats) seat.queue.ready.remove(seat);
  }

  private assign(call: CallRecord, seat: Seat, at: number): void {
    this.dropCall(call);
    const agent = seat.agent;
    if (agent.state === 'ready') this.leaveReady(agent);
    agent.state = 'on_call';
    agent.callsToday++;
    seat.turn = ++this.assignmentCounter;
    agent.turns.set(seat.queue.config.id, seat.turn);
    this.assignments.push({ callId: call.id, agentId: agent.id, viaQueueId: seat.queue.config.id, homeQueueId: call.queue.config.id, tier: call.tier, at, waitedMs: at - call.enqueuedAt });
  }

  private offer(call: CallRecord, queue: QueueRuntime): void {
    const offer: Offer = { heapIndex: -1, call, queue };
    call.offers.push(offer);
    queue.calls.push(offer);
  }

  private schedule(call: CallRecord, kind: TimerKind, at: number): void {
    const timer: Timer = { heapIndex: -1, at, kind, call };
    call.timers.push(timer);
    this.timers.push(timer);
  }

  private dropCall(call: CallRecord): void {
    for (const offer of call.offers) offer.queue.calls.remove(offer);
    for (const timer of call.timers) this.timers.remove(timer);
    this.calls.delete(call.id);
  }

  private agentOf(agentId: string): AgentRecord {
    const agent = this.agents.get(agentId);
    if (!agent) throw new RangeError(`unknown agent ${agentId}`);
    return agent;
  }

  private queueOf(queueId: string): QueueRuntime {
    const queue = this.queues.get(queueId);
    if (!queue) throw new RangeError(`unknown queue ${queueId}`);
    return queue;
  }
}

/** The first queue in the list with a ready agent gives its best one. */
function firstReadySeat(queues: readonly QueueRuntime[]): Seat | undefined {
  for (const q of queues) {
    const seat = q.ready.peek();
    if (seat !== undefined) return seat;
  }
  return undefined;
}

function expiredOf(call: CallRecord, at: number): ExpiredCall {
  const { id: queueId, maxWaitOutcome: outcome } = call.queue.config;
  return { callId: call.id, queueId, tier: call.tier, outcome, at, waitedMs: at - call.enqueuedAt };
}
