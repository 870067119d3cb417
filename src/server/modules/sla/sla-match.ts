/**
 * Which SLA policy governs a ticket (§5.6): the first active policy by position whose ticket
 * types, priorities and customer tiers each include the ticket's; an empty list matches any.
 * Pure, so the scan and the explain view pick the same policy.
 */

export type MatchablePolicy = {
  id: string;
  position: number;
  active: boolean;
  ticket_types: readonly string[];
  priorities: readonly string[];
  customer_tiers: readonly string[];
};
export type MatchableTicket = { type: string; priority: string; customerTier: string | null };

const admits = (list: readonly string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));

export function policyMatches(policy: MatchablePolicy, ticket: MatchableTicket): boolean {
  return policy.active && admits(policy.ticket_types, ticket.type) && admits(policy.priorities, ticket.priority) && admits(policy.customer_tiers, ticket.customerTier);
}

/** The governing policy, or undefined. Ties on position go to the lower id (the older policy, ids being time-ordered). */
export function matchPolicy<P extends MatchablePolicy>(policies: readonly P[], ticket: MatchableTicket): P | undefined {
  let best: P | undefined;
  for (const p of policies) {
    if (!policyMatches(p, ticket)) continue;
    if (!best || p.position < best.position || (p.position === best.position && p.id < best.id)) best = p;
  }
  return best;
}
