import type { CustomerTier } from '../../../shared/tickets.js';

/**
 * §7.3 ACD vocabulary shared by the engine, its scan-based reference and the service that will
 * drive them. Times are epoch milliseconds passed in by the caller: the engine reads no clock.
 */

export const ACD_STRATEGIES = ['longest_idle', 'round_robin', 'least_calls', 'skills_based'] as const;
export type AcdStrategy = (typeof ACD_STRATEGIES)[number];

export const ACD_AGENT_STATES = ['ready', 'not_ready', 'on_call', 'wrap_up'] as const;
export type AcdAgentState = (typeof ACD_AGENT_STATES)[number];

export const MAX_WAIT_OUTCOMES = ['voicemail', 'callback'] as const;
export type MaxWaitOutcome = (typeof MAX_WAIT_OUTCOMES)[number];

/** { skill code: proficiency 1..5 } — for a queue, the minimum proficiency an agent needs. */
export type SkillLevels = Readonly<Record<string, number>>;

export type QueueDefinition = {
  id: string;
  strategy: AcdStrategy;
  requiredSkills?: SkillLevels;
  /** After this long in the queue a call is also offered to `overflowQueueIds`; absent = never. */
  overflowAfterMs?: number;
  /** Tried in this order when several of them have a ready agent at the moment of overflow. */
  overflowQueueIds?: readonly string[];
  /** After this long in the queue the call leaves it with `maxWaitOutcome`; absent = never. */
  maxWaitMs?: number;
  maxWaitOutcome?: MaxWaitOutcome;
};

export type AgentDefinition = {
  id: string;
  skills: SkillLevels;
  /** Queues the agent is staffed on; only those whose required skills the agent meets count. */
  queueIds: readonly string[];
};

export type CallInput = {
  id: string;
  queueId: string;
  tier: CustomerTier;
  /** When the call entered the queue (a re-queued call keeps its place); default: `now`. */
  enqueuedAt?: number;
};

/** Weight per customer tier: a higher weight is served first; equal weights share one FIFO. */
export type TierWeights = Readonly<Record<CustomerTier, number>>;

export const DEFAULT_TIER_WEIGHTS: TierWeights = { vip: 4, key: 3, ordinary: 2, small: 1 };

export type AcdOptions = {
  queues: readonly QueueDefinition[];
  tierWeights?: Partial<TierWeights>;
};

export type Assignment = {
  callId: string;
  agentId: string;
  /** The queue through which the agent was found: the call's own queue or one it overflowed to. */
  viaQueueId: string;
  homeQueueId: string;
  tier: CustomerTier;
  at: number;
  waitedMs: number;
};

export type ExpiredCall = {
  callId: string;
  queueId: string;
  tier: CustomerTier;
  outcome: MaxWaitOutcome;
  at: number;
  waitedMs: number;
};

/** What happened since the previous decide(), in the order it happened. */
export type AcdDecision = { assignments: Assignment[]; expired: ExpiredCall[] };

/** The operations of an ACD for one organization. Every `now` is epoch milliseconds. */
export interface Acd {
  /** Adds or reconfigures an agent; a new agent starts not_ready. */
  upsertAgent(agent: AgentDefinition, now: number): void;
  removeAgent(agentId: string, now: number): void;
  /** Entering ready offers the agent the best waiting call; leaving on_call ends the agent's call. */
  setAgentState(agentId: string, state: AcdAgentState, now: number): void;
  addCall(call: CallInput, now: number): void;
  /** The caller hung up (abandon); false when the call was no longer waiting. */
  removeCall(callId: string, now: number): boolean;
  /** Starts a new day for the least-calls strategy. */
  resetDailyCounts(now: number): void;
  /** Fires the timers due by `now` and returns everything decided since the last call. */
  decide(now: number): AcdDecision;
}
