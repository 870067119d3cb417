import { describe, expect, it } from 'vitest';
import { type MatchablePolicy, matchPolicy } from './sla-match.js';

const policy = (id: string, position: number, rest: Partial<MatchablePolicy> = {}): MatchablePolicy => ({
  id,
  position,
  active: true,
  ticket_types: [],
  priorities: [],
  customer_tiers: [],
  ...rest,
});

describe('SLA policy matching', () => {
  const vipComplaints = policy('b', 0, { ticket_types: ['complaint'], customer_tiers: ['vip'] });
  const urgent = policy('c', 1, { priorities: ['urgent', 'high'] });
  const fallback = policy('a', 9);
  const all = [fallback, urgent, vipComplaints];

  it('takes the first matching policy by position; empty lists match anything', () => {
    expect(matchPolicy(all, { type: 'complaint', priority: 'urgent', customerTier: 'vip' })?.id).toBe('b');
    expect(matchPolicy(all, { type: 'complaint', priority: 'urgent', customerTier: 'key' })?.id).toBe('c');
    expect(matchPolicy(all, { type: 'inquiry', priority: 'low', customerTier: null })?.id).toBe('a');
  });

  it('a ticket without a tier does not match a policy that lists tiers', () => {
    expect(matchPolicy([vipComplaints], { type: 'complaint', priority: 'normal', customerTier: null })).toBeUndefined();
  });

  it('skips inactive policies and breaks position ties by id', () => {
    expect(matchPolicy([{ ...vipComplaints, active: false }, fallback], { type: 'complaint', priority: 'low', customerTier: 'vip' })?.id).toBe('a');
    expect(matchPolicy([policy('z', 0), policy('y', 0)], { type: 'inquiry', priority: 'low', customerTier: null })?.id).toBe('y');
    expect(matchPolicy([], { type: 'inquiry', priority: 'low', customerTier: null })).toBeUndefined();
  });
});
