import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from '../../../shared/business-time.js';
import { WorkingTimeline } from './sla-timeline.js';

const DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const overrides = { '2026-09-20': { kind: 'workday' as const }, '2026-10-01': { kind: 'holiday' as const }, '2026-10-02': { kind: 'holiday' as const }, '2026-10-10': { kind: 'workday' as const } };
const shanghai: BusinessCalendar = { timezone: 'Asia/Shanghai', weekly: [DAY, DAY, DAY, DAY, DAY, [], []], overrides };
// a zone with daylight saving, and hours that end at midnight
const newYork: BusinessCalendar = { timezone: 'America/New_York', weekly: [[{ start: '20:00', end: '24:00' }], DAY, DAY, DAY, DAY, [{ start: '00:00', end: '24:00' }], []] };

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function* randoms(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

describe('working timeline', () => {
  it.each([
    ['Asia/Shanghai with 调休', shanghai],
    ['America/New_York across DST changes', newYork],
  ])('%s: the same answers as business-time.ts', (_name, cal) => {
    const r = randoms(7);
    const next = () => r.next().value as number;
    const timeline = new WorkingTimeline(cal);
    const from = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 300; i++) {
      const a = from + Math.floor(next() * 360 * 86_400_000);
      const b = a + Math.floor(next() * 120 * 86_400_000);
      expect(timeline.between(a, b)).toBe(Math.round(businessMinutesBetween(cal, new Date(a), new Date(b)) * 60_000));
      const ms = 1 + Math.floor(next() * 200_000) * 60_000;
      expect(timeline.after(a, ms)).toBe(addBusinessMinutes(cal, new Date(a), ms / 60_000).getTime());
    }
  });

  it('refuses a calendar without working time, as business-time.ts does', () => {
    const never: BusinessCalendar = { weekly: [[], [], [], [], [], [], []] };
    expect(() => new WorkingTimeline(never).after(Date.parse('2026-01-01T00:00:00Z'), 60_000)).toThrow(RangeError);
  });
});
