import type { RoutingStrategy, TicketPriority } from '../../../shared/tickets.js';

/**
 * §5.5 who gets the next ticket, and in which order waiting tickets are served. Pure: no I/O,
 * no clock; the routing service locks and loads the candidates and applies the answer.
 */

export type Candidate = {
  userId: string;
  /** Open tickets the member may hold in this team at once. */
  capacity: number;
  /** Open tickets the member holds in this team now. */
  openCount: number;
  /** { skill code: proficiency 1..5 } */
  skills: Record<string, number>;
  available: boolean;
  lastAssignedAt: Date | null;
};

/** { skill code: minimum proficiency } */
export type RequiredSkills = Record<string, number>;

const hasRoom = (c: Candidate) => c.available && c.openCount < c.capacity;
const load = (c: Candidate) => c.openCount / c.capacity;

/** Never-assigned members first, then the one who waited longest since their last ticket. */
function byOldestAssignment(a: Candidate, b: Candidate): number {
  if (a.lastAssignedAt === null || b.lastAssignedAt === null) {
    if (a.lastAssignedAt === b.lastAssignedAt) return 0;
    return a.lastAssignedAt === null ? -1 : 1;
  }
  return a.lastAssignedAt.getTime() - b.lastAssignedAt.getTime();
}

/** A last tie-breaker so the answer never depends on the order rows came back in. */
const byUserId = (a: Candidate, b: Candidate) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

export function meetsSkills(c: Candidate, required: RequiredSkills): boolean {
  return Object.entries(required).every(([code, level]) => (c.skills[code] ?? 0) >= level);
}

function proficiencySum(c: Candidate, required: RequiredSkills): number {
  return Object.keys(required).reduce((sum, code) => sum + (c.skills[code] ?? 0), 0);
}

/**
 * The member who gets the ticket, or null when nobody may take it (the ticket then waits in
 * the team's queue). Only available members under their capacity are candidates.
 * - round_robin: the one whose last assignment is oldest (never assigned first)
 * - load_balanced: the lowest open/capacity ratio, ties by oldest last assignment
 * - skills: only members holding every required skill at or above its level; then the highest
 *   proficiency sum over the required skills, then the lowest load, then oldest assignment
 * - manual: nobody — a person assigns
 */
export function selectAssignee(strategy: RoutingStrategy, candidates: readonly Candidate[], required: RequiredSkills = {}): string | null {
  if (strategy === 'manual') return null;
  const open = candidates.filter(hasRoom);
  let ranked: Candidate[];
  switch (strategy) {
    case 'round_robin':
      ranked = [...open].sort((a, b) => byOldestAssignment(a, b) || byUserId(a, b));
      break;
    case 'load_balanced':
      ranked = [...open].sort((a, b) => load(a) - load(b) || byOldestAssignment(a, b) || byUserId(a, b));
      break;
    case 'skills':
      ranked = open
        .filter((c) => meetsSkills(c, required))
        .sort((a, b) => proficiencySum(b, required) - proficiencySum(a, required) || load(a) - load(b) || byOldestAssignment(a, b) || byUserId(a, b));
      break;
  }
  return ranked[0]?.userId ?? null;
}

/**
 * The skills a ticket needs, derived from the data it already carries: every skill code the
 * team uses (the union of its members' skill keys) that equals the ticket's type, after-sales
 * subtype, category id or one of its tags. So a team that wants "repair" tickets to go to
 * members skilled in repair gives them the skill "repair"; a tag "英语" routes to members with
 * the skill "英语". Holding the skill at all (level ≥ 1) is enough.
 */
export function requiredSkills(
  teamSkillCodes: Iterable<string>,
  ticket: { type: string; subtype: string | null; categoryId: string | null; tags: readonly string[] },
): RequiredSkills {
  const wanted = new Set<string>([ticket.type, ...ticket.tags]);
  if (ticket.subtype) wanted.add(ticket.subtype);
  if (ticket.categoryId) wanted.add(ticket.categoryId);
  const out: RequiredSkills = {};
  for (const code of teamSkillCodes) if (wanted.has(code)) out[code] = 1;
  return out;
}

/** Queue order: VIP before key customers before everyone else. */
export const QUEUE_TIER_ORDER = ['vip', 'key'] as const;
/** Then urgent before high before normal before low. */
export const QUEUE_PRIORITY_ORDER: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];

export type QueuedTicket = { id: string; customerTier: string | null; priority: TicketPriority; queuedAt: Date };

const tierRank = (tier: string | null) => {
  const i = (QUEUE_TIER_ORDER as readonly string[]).indexOf(tier ?? '');
  return i < 0 ? QUEUE_TIER_ORDER.length : i;
};
const priorityRank = (p: TicketPriority) => QUEUE_PRIORITY_ORDER.indexOf(p);

/** Sorts waiting tickets in the order they are served: tier, then priority, then oldest queued. */
export function compareQueue(a: QueuedTicket, b: QueuedTicket): number {
  return (
    tierRank(a.customerTier) - tierRank(b.customerTier) ||
    priorityRank(a.priority) - priorityRank(b.priority) ||
    a.queuedAt.getTime() - b.queuedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
