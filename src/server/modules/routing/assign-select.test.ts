import { describe, expect, it } from 'vitest';
import { type Candidate, compareQueue, type QueuedTicket, requiredSkills, selectAssignee } from './assign-select.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const member = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  capacity: 5,
  openCount: 0,
  skills: {},
  available: true,
  lastAssignedAt: null,
  ...over,
});

describe('selectAssignee', () => {
  it('manual picks nobody, and nobody full or away is ever picked', () => {
    expect(selectAssignee('manual', [member('a')])).toBeNull();
    const blocked = [member('full', { openCount: 5 }), member('away', { available: false }), member('zero', { capacity: 0 })];
    for (const s of ['round_robin', 'load_balanced', 'skills'] as const) expect(selectAssignee(s, blocked)).toBeNull();
    expect(selectAssignee('round_robin', [])).toBeNull();
  });

  it('round robin: never assigned first, then the oldest last assignment', () => {
    const team = [member('a', { lastAssignedAt: at(5) }), member('b', { lastAssignedAt: at(1) }), member('c')];
    expect(selectAssignee('round_robin', team)).toBe('c');
    team[2].lastAssignedAt = at(9);
    expect(selectAssignee('round_robin', team)).toBe('b');
    // load does not matter to round robin, only room does
    team[1].openCount = 4;
    expect(selectAssignee('round_robin', team)).toBe('b');
    team[1].openCount = 5;
    expect(selectAssignee('round_robin', team)).toBe('a');
  });

  it('round robin over many tickets spreads them evenly', () => {
    const team = [member('a'), member('b'), member('c')];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 12; i++) {
      const who = selectAssignee('round_robin', team)!;
      const m = team.find((c) => c.userId === who)!;
      m.openCount++;
      m.lastAssignedAt = at(i);
      counts[who]++;
    }
    expect(counts).toEqual({ a: 4, b: 4, c: 4 });
    expect(selectAssignee('round_robin', team)).toBe('a');
  });

  it('load balanced: lowest open/capacity ratio, ties by oldest assignment', () => {
    const team = [member('a', { capacity: 10, openCount: 4 }), member('b', { capacity: 5, openCount: 1, lastAssignedAt: at(3) }), member('c', { capacity: 2, openCount: 1 })];
    expect(selectAssignee('load_balanced', team)).toBe('b'); // 0.2 < 0.4 < 0.5
    team[1].openCount = 2; // 0.4 ties with a; a was never assigned
    expect(selectAssignee('load_balanced', team)).toBe('a');
    team[0].lastAssignedAt = at(8);
    expect(selectAssignee('load_balanced', team)).toBe('b');
  });

  it('skills: every required skill at level, then the highest proficiency, then the lowest load', () => {
    const team = [
      member('novice', { skills: { repair: 2, english: 1 } }),
      member('expert', { skills: { repair: 5, english: 3 }, openCount: 4 }),
      member('partial', { skills: { repair: 5 } }),
      member('peer', { skills: { repair: 5, english: 3 }, openCount: 1 }),
    ];
    expect(selectAssignee('skills', team, { repair: 1, english: 1 })).toBe('peer');
    expect(selectAssignee('skills', team, { repair: 3, english: 2 })).toBe('peer');
    team[3].available = false;
    expect(selectAssignee('skills', team, { repair: 3, english: 2 })).toBe('expert');
    expect(selectAssignee('skills', team, { repair: 1, english: 4 })).toBeNull();
    // nothing required: everyone qualifies, the least loaded wins
    expect(selectAssignee('skills', team, {})).toBe('novice');
  });
});

describe('requiredSkills', () => {
  it('takes the team skill codes that name the ticket type, subtype, category or a tag', () => {
    const codes = ['repair', 'complaint', 'cat-1', '英语', 'install'];
    expect(requiredSkills(codes, { type: 'after_sales', subtype: 'repair', categoryId: 'cat-1', tags: ['英语', '加急'] })).toEqual({ repair: 1, 'cat-1': 1, 英语: 1 });
    expect(requiredSkills(codes, { type: 'complaint', subtype: null, categoryId: null, tags: [] })).toEqual({ complaint: 1 });
    expect(requiredSkills([], { type: 'complaint', subtype: null, categoryId: null, tags: ['x'] })).toEqual({});
  });
});

describe('queue order', () => {
  it('serves VIP, then key customers, then by priority, then the longest waiting', () => {
    const q = (id: string, customerTier: string | null, priority: QueuedTicket['priority'], minute: number): QueuedTicket => ({ id, customerTier, priority, queuedAt: at(minute) });
    const tickets = [
      q('ordinary-urgent', 'ordinary', 'urgent', 1),
      q('none-low-old', null, 'low', 0),
      q('key-low', 'key', 'low', 5),
      q('vip-normal-late', 'vip', 'normal', 9),
      q('vip-high', 'vip', 'high', 9),
      q('vip-normal-early', 'vip', 'normal', 2),
      q('none-urgent', null, 'urgent', 3),
    ];
    expect([...tickets].sort(compareQueue).map((t) => t.id)).toEqual([
      'vip-high',
      'vip-normal-early',
      'vip-normal-late',
      'key-low',
      'ordinary-urgent',
      'none-urgent',
      'none-low-old',
    ]);
  });
});
