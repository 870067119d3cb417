import { describe, expect, it } from 'vitest';
import type { CustomerTier } from '../../../shared/tickets.js';
import { AcdEngine } from './acd-select.js';
import type { AcdOptions, AcdStrategy, QueueDefinition } from './acd-types.js';

const S = 1000;

function engineWith(queues: QueueDefinition[], options: Partial<AcdOptions> = {}) {
  return new AcdEngine({ queues, ...options });
}

/** Adds agents serving `queueIds` and makes them ready at the given times (ms). */
function readyAgents(acd: AcdEngine, agents: Record<string, number>, queueIds: string[], skills: Record<string, number> = {}) {
  for (const [id, at] of Object.entries(agents)) {
    acd.upsertAgent({ id, skills, queueIds }, at);
    acd.setAgentState(id, 'ready', at);
  }
}

const queue = (id: string, strategy: AcdStrategy = 'longest_idle', more: Partial<QueueDefinition> = {}): QueueDefinition => ({ id, strategy, ...more });

/** Places one call and returns the agent that got it (or null). */
function route(acd: AcdEngine, callId: string, queueId: string, at: number, tier: CustomerTier = 'ordinary'): string | null {
  acd.addCall({ id: callId, queueId, tier }, at);
  const { assignments } = acd.decide(at);
  expect(assignments.length).toBeLessThanOrEqual(1);
  return assignments[0]?.agentId ?? null;
}

describe('strategies pick the expected agent', () => {
  it('longest idle: the earliest ready, ties by agent id', () => {
    const acd = engineWith([queue('sales')]);
    readyAgents(acd, { d: 5 * S, b: 5 * S, a: 10 * S, c: 20 * S }, ['sales']); // b and d tie at 5 s: b by id
    expect(route(acd, 'c1', 'sales', 30 * S)).toBe('b');
    expect(route(acd, 'c2', 'sales', 31 * S)).toBe('d');
    expect(route(acd, 'c3', 'sales', 32 * S)).toBe('a');
    acd.setAgentState('b', 'wrap_up', 40 * S);
    acd.setAgentState('b', 'ready', 41 * S); // b is now the most recently idle
    expect(route(acd, 'c4', 'sales', 42 * S)).toBe('c');
    expect(route(acd, 'c5', 'sales', 43 * S)).toBe('b');
    expect(route(acd, 'c6', 'sales', 44 * S)).toBeNull();
  });

  it('round robin: the agent this queue served longest ago, whatever their idle time', () => {
    const acd = engineWith([queue('support', 'round_robin')]);
    readyAgents(acd, { a: 0, b: 0, c: 0 }, ['support']);
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = (i + 1) * 10 * S;
      const who = route(acd, `c${i}`, 'support', t)!;
      got.push(who);
      acd.setAgentState(who, 'ready', t + S);
      // b steps away and comes back: longest idle would now put b last, round robin does not
      if (i === 0) {
        acd.setAgentState('b', 'not_ready', t + 2 * S);
        acd.setAgentState('b', 'ready', t + 3 * S);
      }
    }
    expect(got).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('least calls: fewest calls today, then longest idle; a new day resets the counts', () => {
    const acd = engineWith([queue('q', 'least_calls')]);
    readyAgents(acd, { a: 0, b: 1 * S, c: 2 * S }, ['q']);
    // a and b take one call each and come back; c has taken none
    expect(route(acd, 'c1', 'q', 10 * S)).toBe('a');
    expect(route(acd, 'c2', 'q', 11 * S)).toBe('b');
    acd.setAgentState('a', 'ready', 12 * S);
    acd.setAgentState('b', 'ready', 13 * S);
    expect(route(acd, 'c3', 'q', 20 * S)).toBe('c'); // 0 calls beats the longer idle a
    acd.setAgentState('c', 'ready', 21 * S);
    expect(route(acd, 'c4', 'q', 22 * S)).toBe('a'); // all at 1 call: longest idle
    acd.setAgentState('a', 'ready', 23 * S);
    expect(route(acd, 'c5', 'q', 24 * S)).toBe('b'); // b 1 call, c 1, a 2
    acd.setAgentState('b', 'ready', 25 * S);
    acd.resetDailyCounts(26 * S);
    expect(route(acd, 'c6', 'q', 27 * S)).toBe('c'); // all at 0 again: c has idled since 21 s
  });

  it('skills based: highest proficiency over the required skills, then longest idle', () => {
    const acd = engineWith([queue('billing-en', 'skills_based', { requiredSkills: { billing: 2, english: 1 } })]);
    const agents = { x: { billing: 5, english: 1 }, y: { billing: 3, english: 3 }, z: { billing: 2, english: 1 }, w: { billing: 1, english: 5 } };
    let t = 0;
    for (const [id, skills] of Object.entries(agents)) {
      acd.upsertAgent({ id, skills, queueIds: ['billing-en'] }, t);
      acd.setAgentState(id, 'ready', (t += S));
    }
    // x and y both score 6; x has been idle longer; w lacks billing 2 and is never offered a call
    expect(route(acd, 'c1', 'billing-en', 10 * S)).toBe('x');
    expect(route(acd, 'c2', 'billing-en', 11 * S)).toBe('y');
    expect(route(acd, 'c3', 'billing-en', 12 * S)).toBe('z');
    expect(route(acd, 'c4', 'billing-en', 13 * S)).toBeNull();
    expect(acd.readyCount('billing-en')).toBe(0);
    expect(acd.agentStateOf('w')).toBe('ready');
  });
});

describe('skills and queue membership', () => {
  it('an agent below the minimum proficiency, or not staffed on the queue, never gets its calls', () => {
    const acd = engineWith([queue('tech', 'longest_idle', { requiredSkills: { network: 3 } }), queue('other')]);
    acd.upsertAgent({ id: 'novice', skills: { network: 2 }, queueIds: ['tech'] }, 0);
    acd.upsertAgent({ id: 'expert-elsewhere', skills: { network: 5 }, queueIds: ['other'] }, 0);
    acd.setAgentState('novice', 'ready', 0);
    acd.setAgentState('expert-elsewhere', 'ready', 0);
    expect(route(acd, 'c1', 'tech', S)).toBeNull();
    // training raises the novice to level 3: reconfiguring a ready agent offers it the waiting call
    acd.upsertAgent({ id: 'novice', skills: { network: 3 }, queueIds: ['tech'] }, 2 * S);
    expect(acd.decide(2 * S).assignments).toMatchObject([{ callId: 'c1', agentId: 'novice', viaQueueId: 'tech' }]);
  });

  it('refuses bad definitions', () => {
    expect(() => engineWith([queue('a', 'longest_idle', { overflowQueueIds: ['nope'], overflowAfterMs: 1 })])).toThrow(/overflow/);
    expect(() => engineWith([queue('a', 'longest_idle', { requiredSkills: { x: 6 } })])).toThrow(/1\.\.5/);
    expect(() => engineWith([queue('a'), queue('a')])).toThrow(/unique/);
    const acd = engineWith([queue('a')]);
    expect(() => acd.upsertAgent({ id: 'p', skills: { x: 0 }, queueIds: ['a'] }, 0)).toThrow(/1\.\.5/);
    expect(() => acd.upsertAgent({ id: 'p', skills: {}, queueIds: ['b'] }, 0)).toThrow(/unknown queue/);
    expect(() => acd.addCall({ id: 'c', queueId: 'b', tier: 'vip' }, 0)).toThrow(/unknown queue/);
    acd.addCall({ id: 'c', queueId: 'a', tier: 'vip' }, 0);
    expect(() => acd.addCall({ id: 'c', queueId: 'a', tier: 'vip' }, 0)).toThrow(/already waiting/);
  });
});

/** Makes one agent ready repeatedly and lists the calls it takes, in order. */
function drainWithOneAgent(acd: AcdEngine, queueIds: string[], from: number): string[] {
  acd.upsertAgent({ id: 'solo', skills: {}, queueIds }, from);
  const taken: string[] = [];
  for (let t = from; ; t += S) {
    acd.setAgentState('solo', 'ready', t);
    const [a] = acd.decide(t).assignments;
    if (!a) return taken;
    taken.push(a.callId);
    acd.setAgentState('solo', 'wrap_up', t);
  }
}

describe('waiting calls: priority by tier, FIFO within a tier', () => {
  it('VIP before key before ordinary before small; FIFO within each tier', () => {
    const acd = engineWith([queue('q')]);
    const arrivals: [string, CustomerTier][] = [['o1', 'ordinary'], ['v1', 'vip'], ['s1', 'small'], ['o2', 'ordinary'], ['k1', 'key'], ['v2', 'vip']];
    arrivals.forEach(([id, tier], i) => acd.addCall({ id, queueId: 'q', tier }, i * S));
    expect(acd.waitingCount('q')).toBe(6);
    expect(drainWithOneAgent(acd, ['q'], 10 * S)).toEqual(['v1', 'v2', 'k1', 'o1', 'o2', 's1']);
  });

  it('weights are configurable: equal weights share one FIFO', () => {
    const acd = engineWith([queue('q')], { tierWeights: { vip: 1, key: 1, ordinary: 1, small: 0 } });
    const arrivals: [string, CustomerTier][] = [['o1', 'ordinary'], ['s1', 'small'], ['v1', 'vip'], ['k1', 'key']];
    arrivals.forEach(([id, tier], i) => acd.addCall({ id, queueId: 'q', tier }, i * S));
    expect(drainWithOneAgent(acd, ['q'], 10 * S)).toEqual(['o1', 'v1', 'k1', 's1']);
  });

  it('a re-queued call keeps its place by its original enqueue time', () => {
    const acd = engineWith([queue('q')]);
    acd.addCall({ id: 'first', queueId: 'q', tier: 'ordinary' }, 5 * S);
    acd.addCall({ id: 'requeued', queueId: 'q', tier: 'ordinary', enqueuedAt: 1 * S }, 6 * S);
    expect(drainWithOneAgent(acd, ['q'], 10 * S)).toEqual(['requeued', 'first']);
  });

  it('an agent becoming ready takes the best waiting call across the queues it serves', () => {
    const acd = engineWith([queue('a'), queue('b'), queue('c')]);
    acd.addCall({ id: 'a-old-ordinary', queueId: 'a', tier: 'ordinary' }, 0);
    acd.addCall({ id: 'b-vip', queueId: 'b', tier: 'vip' }, 5 * S);
    acd.addCall({ id: 'b-ordinary', queueId: 'b', tier: 'ordinary' }, 6 * S);
    acd.addCall({ id: 'c-vip-not-served', queueId: 'c', tier: 'vip' }, 1 * S);
    expect(drainWithOneAgent(acd, ['a', 'b'], 10 * S)).toEqual(['b-vip', 'a-old-ordinary', 'b-ordinary']);
    expect(acd.waitingCount()).toBe(1);
  });
});

describe('overflow and maximum wait', () => {
  const queues = [
    queue('first-line', 'longest_idle', { overflowAfterMs: 30 * S, overflowQueueIds: ['second-line'], maxWaitMs: 120 * S, maxWaitOutcome: 'callback' }),
    queue('second-line', 'longest_idle', { maxWaitMs: 60 * S }),
  ];

  it('a call is offered to the overflow queue after the timeout and not before', () => {
    const acd = engineWith(queues);
    readyAgents(acd, { backup: 0 }, ['second-line']);
    acd.addCall({ id: 'c1', queueId: 'first-line', tier: 'ordinary' }, 1 * S);
    expect(acd.decide(30 * S).assignments).toEqual([]);
    expect(acd.decide(31 * S - 1).assignments).toEqual([]);
    expect(acd.decide(31 * S).assignments).toEqual([
      { callId: 'c1', agentId: 'backup', viaQueueId: 'second-line', homeQueueId: 'first-line', tier: 'ordinary', at: 31 * S, waitedMs: 30 * S },
    ]);
  });

  it('an overflow agent becoming ready before the timeout leaves the call alone; after it, takes it in FIFO order', () => {
    const acd = engineWith(queues);
    acd.upsertAgent({ id: 'backup', skills: {}, queueIds: ['second-line'] }, 0);
    acd.addCall({ id: 'overflowing', queueId: 'first-line', tier: 'ordinary' }, 0);
    acd.setAgentState('backup', 'ready', 10 * S);
    expect(acd.decide(10 * S).assignments).toEqual([]);
    acd.setAgentState('backup', 'not_ready', 11 * S);
    acd.addCall({ id: 'own-later', queueId: 'second-line', tier: 'ordinary' }, 20 * S);
    expect(acd.waitingCount('second-line')).toBe(1);
    acd.decide(30 * S);
    expect(acd.waitingCount('second-line')).toBe(2); // the overflowed call is offered there too
    acd.setAgentState('backup', 'ready', 40 * S);
    expect(acd.decide(40 * S).assignments).toMatchObject([{ callId: 'overflowing', viaQueueId: 'second-line', waitedMs: 40 * S }]);
    expect(acd.waitingCount()).toBe(1);
  });

  it('maximum wait ends the call with the queue outcome, exactly at the limit', () => {
    const acd = engineWith(queues);
    acd.addCall({ id: 'patient', queueId: 'first-line', tier: 'vip' }, 0);
    acd.addCall({ id: 'own', queueId: 'second-line', tier: 'small' }, 10 * S);
    expect(acd.decide(70 * S - 1).expired).toEqual([]);
    expect(acd.decide(70 * S).expired).toEqual([{ callId: 'own', queueId: 'second-line', tier: 'small', outcome: 'voicemail', at: 70 * S, waitedMs: 60 * S }]);
    expect(acd.decide(120 * S).expired).toEqual([{ callId: 'patient', queueId: 'first-line', tier: 'vip', outcome: 'callback', at: 120 * S, waitedMs: 120 * S }]);
    expect(acd.waitingCount()).toBe(0);
    expect(acd.removeCall('patient', 121 * S)).toBe(false);
    readyAgents(acd, { late: 122 * S }, ['first-line', 'second-line']);
    expect(acd.decide(122 * S).assignments).toEqual([]);
  });

  it('a re-queued call already past its maximum wait is reported at once', () => {
    const acd = engineWith(queues);
    acd.addCall({ id: 'old', queueId: 'second-line', tier: 'key', enqueuedAt: 0 }, 90 * S);
    expect(acd.decide(90 * S).expired).toMatchObject([{ callId: 'old', waitedMs: 90 * S, outcome: 'voicemail' }]);
  });
});

describe('abandon and capacity', () => {
  it('an abandoned call leaves every queue it was offered to and the rest keep their order', () => {
    const acd = engineWith([queue('q', 'longest_idle', { overflowAfterMs: 5 * S, overflowQueueIds: ['r'] }), queue('r')]);
    for (const [i, id] of ['c1', 'c2', 'c3'].entries()) acd.addCall({ id, queueId: 'q', tier: 'ordinary' }, i * S);
    acd.decide(10 * S);
    expect(acd.waitingCount('r')).toBe(3);
    expect(acd.removeCall('c2', 11 * S)).toBe(true);
    expect(acd.removeCall('c2', 11 * S)).toBe(false);
    expect([acd.waitingCount('q'), acd.waitingCount('r')]).toEqual([2, 2]);
    expect(drainWithOneAgent(acd, ['r'], 12 * S)).toEqual(['c1', 'c3']);
  });

  it('an agent on a call gets no second call; each assignment is reported once', () => {
    const acd = engineWith([queue('q')]);
    readyAgents(acd, { only: 0 }, ['q']);
    acd.addCall({ id: 'c1', queueId: 'q', tier: 'small' }, S);
    acd.addCall({ id: 'c2', queueId: 'q', tier: 'vip' }, 2 * S);
    expect(acd.decide(3 * S).assignments.map((a) => a.callId)).toEqual(['c1']);
    expect(acd.decide(4 * S).assignments).toEqual([]);
    expect(acd.agentStateOf('only')).toBe('on_call');
    acd.setAgentState('only', 'wrap_up', 5 * S);
    expect(acd.decide(6 * S).assignments).toEqual([]);
    acd.setAgentState('only', 'ready', 7 * S);
    expect(acd.decide(7 * S).assignments.map((a) => a.callId)).toEqual(['c2']);
  });
});
