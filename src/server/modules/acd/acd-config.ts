import { CUSTOMER_TIERS } from '../../../shared/tickets.js';
import {
  ACD_STRATEGIES,
  type AcdStrategy,
  type AgentDefinition,
  DEFAULT_TIER_WEIGHTS,
  MAX_WAIT_OUTCOMES,
  type MaxWaitOutcome,
  type QueueDefinition,
  type SkillLevels,
  type TierWeights,
} from './acd-types.js';

/** A queue definition with defaults applied and references checked. */
export type QueueConfig = {
  id: string;
  /** Position in the definition list: the order ties between queues are broken in. */
  order: number;
  strategy: AcdStrategy;
  requiredSkills: SkillLevels;
  overflowAfterMs: number;
  overflowQueueIds: readonly string[];
  maxWaitMs: number;
  maxWaitOutcome: MaxWaitOutcome;
};

const isLevel = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5;

function checkLevels(owner: string, levels: SkillLevels): void {
  for (const [code, level] of Object.entries(levels)) {
    if (!isLevel(level)) throw new RangeError(`${owner}: skill ${code} must be an integer 1..5, got ${level}`);
  }
}

function checkDuration(owner: string, name: string, ms: number | undefined): number {
  if (ms === undefined) return Infinity;
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`${owner}: ${name} must be a finite number of ms ≥ 0`);
  return ms;
}

/**
 * Checks queue definitions (unique ids, known strategies, skill levels 1..5, overflow targets that
 * exist) and applies defaults: no overflow and no maximum wait unless given, voicemail outcome.
 * Throws RangeError on the first problem: the service validates its input before this point.
 */
export function normalizeQueues(definitions: readonly QueueDefinition[]): QueueConfig[] {
  const ids = new Set(definitions.map((q) => q.id));
  if (ids.size !== definitions.length) throw new RangeError('queue ids must be unique');
  return definitions.map((q, order) => {
    const owner = `queue ${q.id}`;
    if (!ACD_STRATEGIES.includes(q.strategy)) throw new RangeError(`${owner}: unknown strategy ${q.strategy}`);
    const requiredSkills = { ...(q.requiredSkills ?? {}) };
    checkLevels(owner, requiredSkills);
    const overflowQueueIds = [...new Set(q.overflowQueueIds ?? [])];
    for (const target of overflowQueueIds) {
      if (!ids.has(target) || target === q.id) throw new RangeError(`${owner}: bad overflow queue ${target}`);
    }
    const maxWaitOutcome = q.maxWaitOutcome ?? 'voicemail';
    if (!MAX_WAIT_OUTCOMES.includes(maxWaitOutcome)) throw new RangeError(`${owner}: unknown outcome ${maxWaitOutcome}`);
    return {
      id: q.id,
      order,
      strategy: q.strategy,
      requiredSkills,
      overflowAfterMs: overflowQueueIds.length > 0 ? checkDuration(owner, 'overflowAfterMs', q.overflowAfterMs) : Infinity,
      overflowQueueIds,
      maxWaitMs: checkDuration(owner, 'maxWaitMs', q.maxWaitMs),
      maxWaitOutcome,
    };
  });
}

/** Checks an agent's skill levels and that every queue it serves exists. */
export function checkAgent(agent: AgentDefinition, queueIds: ReadonlySet<string>): void {
  checkLevels(`agent ${agent.id}`, agent.skills);
  for (const q of agent.queueIds) if (!queueIds.has(q)) throw new RangeError(`agent ${agent.id}: unknown queue ${q}`);
}

/** The default weights with the organization's overrides; every weight must be a finite number. */
export function normalizeTierWeights(overrides: Partial<TierWeights> = {}): TierWeights {
  const weights = { ...DEFAULT_TIER_WEIGHTS, ...overrides };
  for (const tier of CUSTOMER_TIERS) {
    if (!Number.isFinite(weights[tier])) throw new RangeError(`tier weight ${tier} must be a finite number`);
  }
  return weights;
}
