import { describe, expect, it } from 'vitest';
import { CUSTOMER_TIERS } from '../../../shared/tickets.js';
import { meetsSkills } from './acd-order.js';
import { ScanAcd } from './acd-reference.js';
import { AcdEngine } from './acd-select.js';
import { ACD_STRATEGIES, type AcdAgentState, type AcdDecision, type AgentDefinition, type QueueDefinition } from './acd-types.js';
import { pick, randomInt, seededRandom } from './seeded-random.js';

/**
 * Thousands of random events against the engine, checked two ways: against the scan-based reference
 * (the same decisions, in the same order) and against invariants an independent model of the
 * waiting calls and agent states can check directly.
 */

const SKILLS = ['billing', 'network', 'english', 'cantonese'];

function randomQueues(random: () => number, count: number): QueueDefinition[] {
  return Array.from({ length: count }, (_, i) => {
    const requiredSkills: Record<string, number> = {};
    for (const skill of SKILLS) if (random() < 0.3) requiredSkills[skill] = 1 + randomInt(random, 3);
    const others = Array.from({ length: count }, (_, j) => `q${j}`).filter((id) => id !== `q${i}`);
    const overflow = random() < 0.6 ? [pick(random, others), pick(random, others)] : [];
    return {
      id: `q${i}`,
      strategy: pick(random, ACD_STRATEGIES),
      requiredSkills,
      overflowAfterMs: overflow.length > 0 ? 1000 * (5 + randomInt(random, 30)) : undefined,
      overflowQueueIds: overflow,
      maxWaitMs: random() < 0.8 ? 1000 * (20 + randomInt(random, 120)) : undefined,
      maxWaitOutcome: random() < 0.5 ? 'voicemail' : 'callback',
    };
  });
}

function randomAgent(random: () => number, id: string, queueIds: string[]): AgentDefinition {
  const skills: Record<string, number> = {};
  for (const skill of SKILLS) if (random() < 0.7) skills[skill] = 1 + randomInt(random, 5);
  return { id, skills, queueIds: queueIds.filter(() => random() < 0.4) };
}

type ModelCall = { id: string; queueId: string; enqueuedAt: number };

function runScenario(seed: number, steps: number) {
  const random = seededRandom(seed);
  const queues = randomQueues(random, 2 + randomInt(random, 6));
  const byId = new Map(queues.map((q) => [q.id, q]));
  const queueIds = queues.map((q) => q.id);
  const tierWeights = random() < 0.5 ? undefined : { vip: 2, key: 2, ordinary: 1, small: 0 };
  const engine = new AcdEngine({ queues, tierWeights });
  const reference = new ScanAcd({ queues, tierWeights });
  const both = <T>(op: (acd: AcdEngine | ScanAcd) => T): T => {
    const result = op(engine);
    expect(op(reference)).toEqual(result);
    return result;
  };

  // the independent model: what is waiting, what each agent is doing and may serve
  const waiting = new Map<string, ModelCall>();
  const states = new Map<string, AcdAgentState>();
  const definitions = new Map<string, AgentDefinition>();
  const eligible = (agentId: string, queueId: string) => {
    const def = definitions.get(agentId)!;
    return def.queueIds.includes(queueId) && meetsSkills(def.skills, byId.get(queueId)!.requiredSkills ?? {});
  };
  const offeredTo = (call: ModelCall, now: number) => {
    const q = byId.get(call.queueId)!;
    const overflowed = q.overflowAfterMs !== undefined && call.enqueuedAt + q.overflowAfterMs <= now;
    return overflowed ? [q.id, ...(q.overflowQueueIds ?? [])] : [q.id];
  };
  const counts = { assignments: 0, expired: 0, overflowAssignments: 0 };

  const check = (decision: AcdDecision, now: number) => {
    for (const e of decision.expired) {
      const call = waiting.get(e.callId);
      expect(call, `expired call ${e.callId} was waiting`).toBeDefined();
      expect(e.at - call!.enqueuedAt).toBeGreaterThanOrEqual(byId.get(call!.queueId)!.maxWaitMs!);
      waiting.delete(e.callId);
      counts.expired++;
    }
    for (const a of decision.assignments) {
      const call = waiting.get(a.callId);
      expect(call, `assigned call ${a.callId} was waiting`).toBeDefined();
      expect(states.get(a.agentId), `agent ${a.agentId} was ready`).toBe('ready');
      expect(eligible(a.agentId, a.viaQueueId)).toBe(true);
      expect(offeredTo(call!, a.at)).toContain(a.viaQueueId);
      if (a.viaQueueId !== call!.queueId) counts.overflowAssignments++;
      waiting.delete(a.callId);
      states.set(a.agentId, 'on_call');
      counts.assignments++;
    }
    // settled: no ready agent may serve any queue a waiting call is offered to
    const servedByReady = new Set<string>();
    for (const [agentId, state] of states) if (state === 'ready') for (const q of queueIds) if (eligible(agentId, q)) servedByReady.add(q);
    const unserved: string[] = [];
    for (const call of waiting.values()) if (offeredTo(call, now).some((q) => servedByReady.has(q))) unserved.push(call.id);
    expect(unserved, 'calls waiting while a ready agent could take them').toEqual([]);
    expect(engine.waitingCount()).toBe(waiting.size);
  };

  let now = 0;
  let callNo = 0;
  for (let i = 0; i < 40; i++) {
    const def = randomAgent(random, `agent${String(i).padStart(2, '0')}`, queueIds);
    both((acd) => acd.upsertAgent(def, now));
    definitions.set(def.id, def);
    states.set(def.id, 'not_ready');
  }
  const agentIds = [...definitions.keys()];
  for (let step = 0; step < steps; step++) {
    // whole seconds, often unchanged: many events share a timestamp and exercise the tie-breaks
    now += 1000 * (random() < 0.4 ? 0 : randomInt(random, 4));
    // timers due by now fire first, so the model knows what is still waiting before the event
    check(both((acd) => acd.decide(now)), now);
    const r = random();
    if (r < 0.4) {
      const queueId = pick(random, queueIds);
      const requeue = random() < 0.05;
      const enqueuedAt = requeue ? now - 1000 * randomInt(random, 60) : now;
      const call = { id: `call${++callNo}`, queueId, tier: pick(random, CUSTOMER_TIERS), enqueuedAt: requeue ? enqueuedAt : undefined };
      both((acd) => acd.addCall(call, now));
      waiting.set(call.id, { id: call.id, queueId, enqueuedAt });
    } else if (r < 0.75) {
      const agentId = pick(random, agentIds);
      const state: AcdAgentState = random() < 0.6 ? 'ready' : pick(random, ['not_ready', 'wrap_up', 'on_call'] as const);
      both((acd) => acd.setAgentState(agentId, state, now));
      states.set(agentId, state);
    } else if (r < 0.85 && waiting.size > 0) {
      const callId = pick(random, [...waiting.keys()]);
      expect(both((acd) => acd.removeCall(callId, now))).toBe(true);
      waiting.delete(callId);
    } else if (r < 0.87) {
      const def = randomAgent(random, pick(random, agentIds), queueIds);
      both((acd) => acd.upsertAgent(def, now));
      definitions.set(def.id, def);
    } else if (r < 0.875) {
      both((acd) => acd.resetDailyCounts(now));
    } else if (r < 0.885) {
      // an agent leaves the organization and a new hire takes the same id: back as not_ready
      const agentId = pick(random, agentIds);
      const def = randomAgent(random, agentId, queueIds);
      both((acd) => (acd.removeAgent(agentId, now), acd.upsertAgent(def, now)));
      definitions.set(agentId, def);
      states.set(agentId, 'not_ready');
    }
    check(both((acd) => acd.decide(now)), now);
  }
  return counts;
}

describe('ACD invariants under random events', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: same decisions as the scan reference, no double assignment, settled after every event', (seed) => {
    const counts = runScenario(seed, 3000);
    // the scenario must really exercise what it checks
    expect(counts.assignments).toBeGreaterThan(300);
    expect(counts.expired + counts.overflowAssignments).toBeGreaterThan(0);
  });

  it('time never runs backwards inside the engine', () => {
    const engine = new AcdEngine({ queues: [{ id: 'q', strategy: 'longest_idle', maxWaitMs: 10_000 }] });
    engine.addCall({ id: 'c', queueId: 'q', tier: 'vip' }, 50_000);
    // an event stamped earlier than one already seen counts as the latest time
    expect(engine.decide(40_000)).toEqual({ assignments: [], expired: [] });
    expect(engine.decide(60_000).expired).toMatchObject([{ callId: 'c', waitedMs: 10_000 }]);
  });
});
