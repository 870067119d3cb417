import { describe, expect, it } from 'vitest';
import { dueParts } from './due-time';

const now = Date.parse('2026-03-02T08:00:00Z');

describe('dueParts', () => {
  it('minutes under an hour', () => expect(dueParts('2026-03-02T08:42:30Z', now)).toEqual({ overdue: false, unit: 'm', m: 42 }));
  it('hours and minutes under a day', () => expect(dueParts('2026-03-02T10:05:00Z', now)).toEqual({ overdue: false, unit: 'h', h: 2, m: 5 }));
  it('days and hours beyond', () => expect(dueParts('2026-03-05T11:00:00Z', now)).toEqual({ overdue: false, unit: 'd', d: 3, h: 3 }));
  it('past deadlines are overdue', () => expect(dueParts('2026-03-02T06:30:00Z', now)).toEqual({ overdue: true, unit: 'h', h: 1, m: 30 }));
});
