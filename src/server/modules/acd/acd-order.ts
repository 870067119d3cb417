import type { AcdStrategy, SkillLevels } from './acd-types.js';

/**
 * The orderings the ACD serves by. Both the indexed engine and the scan-based reference use these
 * functions, so they agree on every tie. Every ordering ends in a unique key (call sequence number,
 * agent id), so no decision ever depends on insertion order or Map iteration order.
 */

/** What orders waiting calls. */
export type CallKey = { weight: number; enqueuedAt: number; seq: number };

/**
 * Calls: higher tier weight first; within a weight the earliest `enqueuedAt` (FIFO); then the
 * order the engine received them in (`seq`).
 */
export function callBefore(a: CallKey, b: CallKey): boolean {
  if (a.weight !== b.weight) return a.weight > b.weight;
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt < b.enqueuedAt;
  return a.seq < b.seq;
}

/** What orders ready agents within one queue. */
export type AgentKey = {
  agentId: string;
  /** When the agent last became ready. */
  readySince: number;
  callsToday: number;
  /** The engine's assignment counter when this queue last gave the agent a call; 0 = never. */
  turn: number;
  /** Sum of the agent's proficiency over the queue's required skills. */
  score: number;
};

const idBefore = (a: AgentKey, b: AgentKey) => a.agentId < b.agentId;

const longestIdle = (a: AgentKey, b: AgentKey) => (a.readySince !== b.readySince ? a.readySince < b.readySince : idBefore(a, b));

/**
 * Ready agents of a queue, best first:
 * - longest_idle: earliest readySince, then agent id;
 * - round_robin: the agent this queue served longest ago (never served first), then agent id —
 *   a rotation that survives agents leaving and rejoining;
 * - least_calls: fewest calls today, then longest idle, then agent id;
 * - skills_based: highest proficiency sum over the queue's required skills, then longest idle,
 *   then agent id.
 */
export function agentBefore(strategy: AcdStrategy): (a: AgentKey, b: AgentKey) => boolean {
  switch (strategy) {
    case 'longest_idle':
      return longestIdle;
    case 'round_robin':
      return (a, b) => (a.turn !== b.turn ? a.turn < b.turn : idBefore(a, b));
    case 'least_calls':
      return (a, b) => (a.callsToday !== b.callsToday ? a.callsToday < b.callsToday : longestIdle(a, b));
    case 'skills_based':
      return (a, b) => (a.score !== b.score ? a.score > b.score : longestIdle(a, b));
  }
}

/** Whether the agent holds every required skill at or above its minimum. */
export function meetsSkills(skills: SkillLevels, required: SkillLevels): boolean {
  for (const code in required) if ((skills[code] ?? 0) < required[code]) return false;
  return true;
}

/** The agent's proficiency summed over the queue's required skills (0 when it requires none). */
export function skillScore(skills: SkillLevels, required: SkillLevels): number {
  let sum = 0;
  for (const code in required) sum += skills[code] ?? 0;
  return sum;
}
