import type { CustomerTier } from '../../../shared/tickets.js';
import { checkAgent, normalizeQueues, normalizeTierWeights, type QueueConfig } from './acd-config.js';
import { type AgentKey, agentBefore, callBefore, meetsSkills, skillScore } from './acd-order.js';
import type { Acd, AcdAgentState, AcdDecision, AcdOptions, AgentDefinition, Assignment, CallInput, ExpiredCall, TierWeights } from './acd-types.js';

/**
 * The same ACD as AcdEngine written the obvious way: every decision scans all agents or all waiting
 * calls. It is the executable specification the engine is tested against (same inputs → the same
 * decisions) and the baseline the benchmark compares it with. Not for production: a decision costs
 * O(agents) or O(calls).
 */

type ScanCall = { id: string; queue: QueueConfig; tier: CustomerTier; weight: number; enqueuedAt: number; seq: number; overflowed: boolean };
type ScanAgent = { id: string; skills: Record<string, number>; state: AcdAgentState; readySince: number; callsToday: number; eligible: QueueConfig[]; turns: Map<string, number> };
type DueTimer = { at: number; seq: number; expire: boolean; call: ScanCall };

export class ScanAcd implements Acd {
  private readonly queueList: QueueConfig[];
  private readonly queues = new Map<string, QueueConfig>();
  private readonly weights: TierWeights;
  private readonly agents = new Map<string, ScanAgent>();
  private readonly calls = new Map<string, ScanCall>();
  private clock = -Infinity;
  private callSeq = 0;
  private assignmentCounter = 0;
  /** No timer is due before this; lets most operations skip the timer scan. */
  private nextTimerAt = Infinity;
  private assignments: Assignment[] = [];
  private expired: ExpiredCall[] = [];

  constructor(options: AcdOptions) {
    this.weights = normalizeTierWeights(options.tierWeights);
    this.queueList = normalizeQueues(options.queues);
    for (const q of this.queueList) this.queues.set(q.id, q);
  }

  upsertAgent(definition: AgentDefinition, now: number): void {
    this.advance(now);
    checkAgent(definition, new Set(this.queues.keys()));
    const old = this.agents.get(definition.id);
    const skills = { ...definition.skills };
    const eligible = this.queueList.filter((q) => definition.queueIds.includes(q.id) && meetsSkills(skills, q.requiredSkills));
    const agent: ScanAgent = old ? Object.assign(old, { skills, eligible }) : { id: definition.id, skills, state: 'not_ready', readySince: 0, callsToday: 0, eligible, turns: new Map() };
    this.agents.set(agent.id, agent);
    if (agent.state === 'ready') this.offerAgent(agent);
  }

  removeAgent(agentId: string, now: number): void {
    this.advance(now);
    this.agents.delete(agentId);
  }

  setAgentState(agentId: string, state: AcdAgentState, now: number): void {
    this.advance(now);
    const agent = this.agents.get(agentId);
    if (!agent) throw new RangeError(`unknown agent ${agentId}`);
    if (agent.state === state) return;
    agent.state = state;
    if (state === 'ready') {
      agent.readySince = this.clock;
      this.offerAgent(agent);
    }
  }

  addCall(input: CallInput, now: number): void {
    this.advance(now);
    const queue = this.queues.get(input.queueId);
    if (!queue) throw new RangeError(`unknown queue ${input.queueId}`);
    if (this.calls.has(input.id)) throw new Error(`call ${input.id} is already waiting`);
    const at = this.clock;
    const enqueuedAt = Math.min(input.enqueuedAt ?? now, at);
    const call: ScanCall = { id: input.id, queue, tier: input.tier, weight: this.weights[input.tier], enqueuedAt, seq: ++this.callSeq, overflowed: false };
    if (enqueuedAt + queue.maxWaitMs <= at) {
      this.expired.push(this.expiredOf(call, at));
      return;
    }
    call.overflowed = enqueuedAt + queue.overflowAfterMs <= at;
    if (this.matchCall(call, call.overflowed ? [queue.id, ...queue.overflowQueueIds] : [queue.id], at)) return;
    this.calls.set(call.id, call);
    this.nextTimerAt = Math.min(this.nextTimerAt, nextTimerOf(call));
  }

  removeCall(callId: string, now: number): boolean {
    this.advance(now);
    return this.calls.delete(callId);
  }

  resetDailyCounts(now: number): void {
    this.advance(now);
    for (const agent of this.agents.values()) agent.callsToday = 0;
  }

  decide(now: number): AcdDecision {
    this.advance(now);
    const decision = { assignments: this.assignments, expired: this.expired };
    this.assignments = [];
    this.expired = [];
    return decision;
  }

  private advance(now: number): void {
    if (now > this.clock) this.clock = now;
    if (this.clock < this.nextTimerAt) return;
    const due: DueTimer[] = [];
    for (const call of this.calls.values()) {
      const overflowAt = call.enqueuedAt + call.queue.overflowAfterMs;
      if (!call.overflowed && overflowAt <= this.clock) due.push({ at: overflowAt, seq: call.seq, expire: false, call });
      const expireAt = call.enqueuedAt + call.queue.maxWaitMs;
      if (expireAt <= this.clock) due.push({ at: expireAt, seq: call.seq, expire: true, call });
    }
    due.sort((a, b) => a.at - b.at || a.seq - b.seq || Number(b.expire) - Number(a.expire));
    for (const timer of due) {
      const call = timer.call;
      if (this.calls.get(call.id) !== call) continue;
      if (timer.expire) {
        this.calls.delete(call.id);
        this.expired.push(this.expiredOf(call, timer.at));
      } else {
        call.overflowed = true;
        if (this.matchCall(call, call.queue.overflowQueueIds, timer.at)) this.calls.delete(call.id);
      }
    }
    this.nextTimerAt = Infinity;
    for (const call of this.calls.values()) this.nextTimerAt = Math.min(this.nextTimerAt, nextTimerOf(call));
  }

  /** Gives the call the best ready agent of the first listed queue that has one. */
  private matchCall(call: ScanCall, queueIds: readonly string[], at: number): boolean {
    for (const queueId of queueIds) {
      const queue = this.queues.get(queueId)!;
      const before = agentBefore(queue.strategy);
      let best: AgentKey | undefined;
      for (const agent of this.agents.values()) {
        if (agent.state !== 'ready' || !agent.eligible.includes(queue)) continue;
        const key = { agentId: agent.id, readySince: agent.readySince, callsToday: agent.callsToday, turn: agent.turns.get(queue.id) ?? 0, score: skillScore(agent.skills, queue.requiredSkills) };
        if (best === undefined || before(key, best)) best = key;
      }
      if (best !== undefined) {
        this.assign(call, this.agents.get(best.agentId)!, queue, at);
        return true;
      }
    }
    return false;
  }

  /** A ready agent takes the best waiting call offered to any queue it is eligible for. */
  private offerAgent(agent: ScanAgent): void {
    let best: ScanCall | undefined;
    let bestVia: QueueConfig | undefined;
    for (const call of this.calls.values()) {
      const via = agent.eligible.find((q) => q === call.queue || (call.overflowed && call.queue.overflowQueueIds.includes(q.id)));
      if (via !== undefined && (best === undefined || callBefore(call, best))) {
        best = call;
        bestVia = via;
      }
    }
    if (best === undefined || bestVia === undefined) return;
    this.calls.delete(best.id);
    this.assign(best, agent, bestVia, this.clock);
  }

  private assign(call: ScanCall, agent: ScanAgent, via: QueueConfig, at: number): void {
    agent.state = 'on_call';
    agent.callsToday++;
    agent.turns.set(via.id, ++this.assignmentCounter);
    this.assignments.push({ callId: call.id, agentId: agent.id, viaQueueId: via.id, homeQueueId: call.queue.id, tier: call.tier, at, waitedMs: at - call.enqueuedAt });
  }

  private expiredOf(call: ScanCall, at: number): ExpiredCall {
    return { callId: call.id, queueId: call.queue.id, tier: call.tier, outcome: call.queue.maxWaitOutcome, at, waitedMs: at - call.enqueuedAt };
  }
}

function nextTimerOf(call: ScanCall): number {
  const expireAt = call.enqueuedAt + call.queue.maxWaitMs;
  return call.overflowed ? expireAt : Math.min(expireAt, call.enqueuedAt + call.queue.overflowAfterMs);
}
