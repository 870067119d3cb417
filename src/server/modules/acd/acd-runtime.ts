import type { CustomerTier } from '../../../shared/tickets.js';
import type { QueueConfig } from './acd-config.js';
import { type AgentKey, type CallKey, agentBefore, callBefore } from './acd-order.js';
import type { AcdAgentState, SkillLevels } from './acd-types.js';
import { type HeapItem, IndexedHeap } from './indexed-heap.js';

/**
 * The indexed engine's in-memory records. A call sits in one heap per queue it is offered to
 * (an Offer each); a ready agent sits in one heap per queue it is eligible for (a Seat each). The
 * keys an item is ordered by are copied onto it when it enters a heap and never change while it is
 * there, so the heaps never need re-sorting on the hot path.
 */

export type CallRecord = CallKey & {
  id: string;
  queue: QueueRuntime;
  tier: CustomerTier;
  offers: Offer[];
  timers: Timer[];
};

export type Offer = HeapItem & { call: CallRecord; queue: QueueRuntime };

export type AgentRecord = {
  id: string;
  skills: SkillLevels;
  state: AcdAgentState;
  readySince: number;
  callsToday: number;
  /** One seat per queue the agent serves and is skilled enough for, in queue definition order. */
  seats: Seat[];
  /** { queue id: assignment counter when that queue last gave this agent a call } */
  turns: Map<string, number>;
};

export type Seat = HeapItem & AgentKey & { agent: AgentRecord; queue: QueueRuntime };

export type TimerKind = 'expire' | 'overflow';

export type Timer = HeapItem & { at: number; kind: TimerKind; call: CallRecord };

export type QueueRuntime = {
  config: QueueConfig;
  /** Waiting calls offered to this queue, best first (callBefore). */
  calls: IndexedHeap<Offer>;
  /** Ready eligible agents, best first by the queue's strategy. */
  ready: IndexedHeap<Seat>;
  /** Overflow targets resolved once, in their configured order. */
  overflowTargets: QueueRuntime[];
};

export function newQueueRuntime(config: QueueConfig): QueueRuntime {
  const seatBefore = agentBefore(config.strategy);
  return {
    config,
    calls: new IndexedHeap<Offer>((a, b) => callBefore(a.call, b.call)),
    ready: new IndexedHeap<Seat>(seatBefore),
    overflowTargets: [],
  };
}

/**
 * Timers fire by time; at the same time in the order calls arrived; for one call, expiry before
 * overflow (a call that has reached its maximum wait is not offered anywhere new).
 */
export function timerBefore(a: Timer, b: Timer): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.call.seq !== b.call.seq) return a.call.seq < b.call.seq;
  return a.kind === 'expire' && b.kind === 'overflow';
}
