import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessIntervalsBetween,
  businessMinutesBetween,
  checkRanges,
  dayPlans,
  isBusinessTime,
  isValidDate,
  isValidTimeZone,
  localDate,
  nextBusinessStart,
  parseHHMM,
  workingIntervals,
} from './business-time.js';

const DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const STD: BusinessCalendar = { timezone: 'Asia/Shanghai', weekly: [DAY, DAY, DAY, DAY, DAY, [], []] };
/** Hand-made 2026 国庆 overrides: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 worked (调休). */
const NATIONAL_DAY: BusinessCalendar = {
  ...STD,
  overrides: {
    ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`2026-10-0${d}`, { kind: 'holiday' as const, name: '国庆节' }])),
    '2026-09-20': { kind: 'workday', name: '国庆节调休' },
    '2026-10-10': { kind: 'workday', name: '国庆节调休' },
  },
};

/** A Shanghai wall time. */
const sh = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

describe('addBusinessMinutes', () => {
  it('carries Friday afternoon over the weekend (Fri 17:00 + 120 → Mon 10:00)', () => {
    expect(addBusinessMinutes(STD, sh('2026-03-06 17:00'), 120)).toEqual(sh('2026-03-09 10:00'));
  });

  it('stops at the exact end of an interval rather than jumping to the next day', () => {
    expect(addBusinessMinutes(STD, sh('2026-03-06 16:00'), 120)).toEqual(sh('2026-03-06 18:00'));
  });

  it('skips the lunch break', () => {
    expect(addBusinessMinutes(STD, sh('2026-03-03 11:30'), 60)).toEqual(sh('2026-03-03 14:00'));
    expect(addBusinessMinutes(STD, sh('2026-03-03 12:15'), 10)).toEqual(sh('2026-03-03 13:40'));
    expect(addBusinessMinutes(STD, sh('2026-03-03 09:00'), 450)).toEqual(sh('2026-03-03 18:00'));
    expect(addBusinessMinutes(STD, sh('2026-03-03 09:00'), 451)).toEqual(sh('2026-03-04 09:01'));
  });

  it('starts on a weekend at Monday opening', () => {
    expect(addBusinessMinutes(STD, sh('2026-03-07 10:00'), 30)).toEqual(sh('2026-03-09 09:30'));
  });

  it('starts before opening at opening', () => {
    expect(addBusinessMinutes(STD, sh('2026-03-03 07:00'), 30)).toEqual(sh('2026-03-03 09:30'));
  });

  it('with 0 minutes answers the instant itself in business time, else the next start', () => {
    expect(addBusinessMinutes(STD, sh('2026-03-03 10:00'), 0)).toEqual(sh('2026-03-03 10:00'));
    expect(addBusinessMinutes(STD, sh('2026-03-03 07:00'), 0)).toEqual(sh('2026-03-03 09:00'));
    expect(addBusinessMinutes(STD, sh('2026-03-03 12:00'), 0)).toEqual(sh('2026-03-03 13:30'));
    expect(addBusinessMinutes(STD, sh('2026-03-03 18:00'), 0)).toEqual(sh('2026-03-04 09:00'));
    expect(nextBusinessStart(STD, sh('2026-03-06 18:30'))).toEqual(sh('2026-03-09 09:00'));
  });

  it('skips the 国庆 holiday week and works the 调休 make-up days', () => {
    // Wed Sep 30 17:00: one hour left, Oct 1–7 off, Thu Oct 8 from 09:00
    expect(addBusinessMinutes(NATIONAL_DAY, sh('2026-09-30 17:00'), 120)).toEqual(sh('2026-10-08 10:00'));
    // Saturday Sep 19 → Sunday Sep 20 is a workday with Monday's hours
    expect(addBusinessMinutes(NATIONAL_DAY, sh('2026-09-19 10:00'), 30)).toEqual(sh('2026-09-20 09:30'));
    // Fri Oct 9 17:30 + 60 → Saturday Oct 10 (make-up day) 09:30
    expect(addBusinessMinutes(NATIONAL_DAY, sh('2026-10-09 17:30'), 60)).toEqual(sh('2026-10-10 09:30'));
    // without the overrides the same Saturday start would land on Monday
    expect(addBusinessMinutes(STD, sh('2026-10-09 17:30'), 60)).toEqual(sh('2026-10-12 09:30'));
  });

  it('starts inside a holiday at the first working minute after it', () => {
    expect(isBusinessTime(NATIONAL_DAY, sh('2026-10-05 10:00'))).toBe(false);
    expect(isBusinessTime(STD, sh('2026-10-05 10:00'))).toBe(true);
    expect(addBusinessMinutes(NATIONAL_DAY, sh('2026-10-03 14:00'), 0)).toEqual(sh('2026-10-08 09:00'));
    expect(addBusinessMinutes(NATIONAL_DAY, sh('2026-10-05 10:00'), 1)).toEqual(sh('2026-10-08 09:01'));
  });

  it('uses a workday override’s own hours, or Monday’s when it names none', () => {
    const monday = [{ start: '08:00', end: '12:00' }];
    const cal: BusinessCalendar = {
      timezone: 'Asia/Shanghai',
      weekly: [monday, DAY, DAY, DAY, DAY, [], []],
      overrides: new Map([
        ['2026-03-07', { kind: 'workday' as const }],
        ['2026-03-08', { kind: 'workday' as const, hours: [{ start: '10:00', end: '15:00' }] }],
      ]),
    };
    expect(addBusinessMinutes(cal, sh('2026-03-07 00:00'), 0)).toEqual(sh('2026-03-07 08:00'));
    expect(addBusinessMinutes(cal, sh('2026-03-07 11:00'), 90)).toEqual(sh('2026-03-08 10:30'));
    expect(businessMinutesBetween(cal, sh('2026-03-07 00:00'), sh('2026-03-09 00:00'))).toBe(240 + 300);
  });

  it('refuses negative minutes and a calendar with no working time', () => {
    expect(() => addBusinessMinutes(STD, sh('2026-03-03 10:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(STD, sh('2026-03-03 10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes({ weekly: [[], [], [], [], [], [], []] }, sh('2026-03-03 10:00'), 1)).toThrow(/no working time/);
  });
});

describe('businessMinutesBetween', () => {
  it('counts working minutes across days, weekends and holidays', () => {
    expect(businessMinutesBetween(STD, sh('2026-03-06 17:00'), sh('2026-03-09 10:00'))).toBe(120);
    expect(businessMinutesBetween(STD, sh('2026-03-03 11:30'), sh('2026-03-03 14:00'))).toBe(60);
    // Wed Sep 30 10:00 → Thu Oct 8 10:00: 120 + 270 on Sep 30, then 60 on Oct 8
    expect(businessMinutesBetween(NATIONAL_DAY, sh('2026-09-30 10:00'), sh('2026-10-08 10:00'))).toBe(450);
    // the make-up Sunday is a full working day
    expect(businessMinutesBetween(NATIONAL_DAY, sh('2026-09-19 00:00'), sh('2026-09-21 00:00'))).toBe(450);
  });

  it('is 0 when b is not after a', () => {
    expect(businessMinutesBetween(STD, sh('2026-03-03 11:00'), sh('2026-03-03 10:00'))).toBe(0);
    expect(businessMinutesBetween(STD, sh('2026-03-03 11:00'), sh('2026-03-03 11:00'))).toBe(0);
  });

  it('equals the sum of its days', () => {
    const a = sh('2026-09-17 15:20');
    const b = sh('2026-10-13 10:05');
    let sum = 0;
    let cursor = a;
    for (let day = new Date(sh('2026-09-18 00:00')); day < b; day = new Date(day.getTime() + 86_400_000)) {
      sum += businessMinutesBetween(NATIONAL_DAY, cursor, day);
      cursor = day;
    }
    sum += businessMinutesBetween(NATIONAL_DAY, cursor, b);
    expect(businessMinutesBetween(NATIONAL_DAY, a, b)).toBe(sum);
    // 9/17: 160; 9/18: 450; 9/20 (调休): 450; 9/21–9/25: 5×450; 9/28–9/30: 3×450; 10/8–10/10: 3×450; 10/12: 450; 10/13: 65
    expect(sum).toBe(160 + 450 + 450 + 5 * 450 + 3 * 450 + 3 * 450 + 450 + 65);
  });

  it('lists the intervals it counted', () => {
    const intervals = businessIntervalsBetween(NATIONAL_DAY, sh('2026-09-30 17:00'), sh('2026-10-08 10:00'));
    expect(intervals.map((i) => [i.date, i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-09-30', sh('2026-09-30 17:00').toISOString(), sh('2026-09-30 18:00').toISOString()],
      ['2026-10-08', sh('2026-10-08 09:00').toISOString(), sh('2026-10-08 10:00').toISOString()],
    ]);
  });
});

/** mulberry32: a tiny seeded generator so the property loop is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('add and between are inverse', () => {
  const random = rng(20261001);
  const base = sh('2026-09-10 00:00').getTime();
  const span = 45 * 86_400_000;
  const randomInstant = () => new Date(base + Math.floor(random() * span / 1000) * 1000);

  it('between(a, add(a, m)) = m for many random starts and amounts', () => {
    for (let i = 0; i < 400; i++) {
      const a = randomInstant();
      const m = Math.floor(random() * 4000);
      const due = addBusinessMinutes(NATIONAL_DAY, a, m);
      expect(due.getTime()).toBeGreaterThanOrEqual(a.getTime());
      expect(businessMinutesBetween(NATIONAL_DAY, a, due)).toBe(m);
    }
  });

  it('add(a, between(a, b)) is the earliest instant with the same business time as b', () => {
    for (let i = 0; i < 400; i++) {
      let a = randomInstant();
      let b = randomInstant();
      if (b < a) [a, b] = [b, a];
      const m = businessMinutesBetween(NATIONAL_DAY, a, b);
      const c = addBusinessMinutes(NATIONAL_DAY, a, m);
      expect(c.getTime()).toBeLessThanOrEqual(Math.max(b.getTime(), nextBusinessStart(NATIONAL_DAY, a).getTime()));
      expect(businessMinutesBetween(NATIONAL_DAY, a, c)).toBe(m);
      if (c < b) expect(businessMinutesBetween(NATIONAL_DAY, c, b)).toBe(0);
      if (isBusinessTime(NATIONAL_DAY, b) && m > 0 && c.getTime() !== b.getTime()) {
        // only possible when b opens an interval: c is then the end of the previous one
        expect(addBusinessMinutes(NATIONAL_DAY, c, 0)).toEqual(b);
      }
    }
  });

  it('is additive: between(a, b) + between(b, c) = between(a, c)', () => {
    for (let i = 0; i < 200; i++) {
      const [a, b, c] = [randomInstant(), randomInstant(), randomInstant()].sort((x, y) => x.getTime() - y.getTime());
      expect(businessMinutesBetween(NATIONAL_DAY, a, b) + businessMinutesBetween(NATIONAL_DAY, b, c)).toBeCloseTo(
        businessMinutesBetween(NATIONAL_DAY, a, c),
        9,
      );
    }
  });
});

describe('time zones', () => {
  it('reads days in the calendar’s zone, not UTC (2026-03-01T16:30Z is Monday 00:30 in Shanghai)', () => {
    const t = new Date('2026-03-01T16:30:00Z');
    expect(localDate(STD, t)).toBe('2026-03-02');
    expect(isBusinessTime(STD, t)).toBe(false);
    expect(nextBusinessStart(STD, t)).toEqual(new Date('2026-03-02T01:00:00Z'));
    expect(addBusinessMinutes(STD, new Date('2026-03-01T23:30:00Z'), 60)).toEqual(new Date('2026-03-02T02:00:00Z'));
    // the same instant on a UTC calendar is still Sunday
    const utc: BusinessCalendar = { ...STD, timezone: 'UTC' };
    expect(localDate(utc, t)).toBe('2026-03-01');
    expect(nextBusinessStart(utc, t)).toEqual(new Date('2026-03-02T09:00:00Z'));
  });

  it('applies an override to the local date', () => {
    const cal: BusinessCalendar = { ...STD, overrides: { '2026-03-02': { kind: 'holiday' } } };
    expect(nextBusinessStart(cal, new Date('2026-03-01T17:00:00Z'))).toEqual(sh('2026-03-03 09:00'));
  });

  it('handles daylight saving days of 23 and 25 hours', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const ny: BusinessCalendar = { timezone: 'America/New_York', weekly: Array.from({ length: 7 }, () => allDay) };
    expect(businessMinutesBetween(ny, new Date('2026-03-08T05:00:00Z'), new Date('2026-03-09T04:00:00Z'))).toBe(23 * 60);
    expect(workingIntervals(ny, '2026-11-01', '2026-11-01').map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ]);
    const office: BusinessCalendar = { timezone: 'America/New_York', weekly: [DAY, DAY, DAY, DAY, DAY, [], []] };
    // Monday Mar 9 is EDT (UTC−4); Friday Mar 6 was EST (UTC−5)
    expect(nextBusinessStart(office, new Date('2026-03-07T12:00:00Z'))).toEqual(new Date('2026-03-09T13:00:00Z'));
    // Fri 17:30 EST + 60: 30 minutes on Friday, then Monday 09:30 EDT
    expect(addBusinessMinutes(office, new Date('2026-03-06T22:30:00Z'), 60)).toEqual(new Date('2026-03-09T13:30:00Z'));
    // a wall time skipped by the jump (02:30 on Mar 8) moves forward
    const night: BusinessCalendar = { timezone: 'America/New_York', weekly: Array.from({ length: 7 }, () => [{ start: '02:30', end: '04:00' }]) };
    expect(workingIntervals(night, '2026-03-08', '2026-03-08')[0].start).toEqual(new Date('2026-03-08T07:30:00Z'));
  });
});

describe('calendar views', () => {
  it('lists working intervals and day kinds for a range of days', () => {
    const list = workingIntervals(NATIONAL_DAY, '2026-09-30', '2026-10-10');
    expect(list.map((i) => i.date)).toEqual(['2026-09-30', '2026-09-30', '2026-10-08', '2026-10-08', '2026-10-09', '2026-10-09', '2026-10-10', '2026-10-10']);
    expect(list[0]).toMatchObject({ from: '09:00', to: '12:00', start: sh('2026-09-30 09:00'), end: sh('2026-09-30 12:00') });
    const plans = dayPlans(NATIONAL_DAY, '2026-09-19', '2026-09-21');
    expect(plans.map((p) => [p.date, p.kind, p.name])).toEqual([
      ['2026-09-19', 'restday', ''],
      ['2026-09-20', 'makeup', '国庆节调休'],
      ['2026-09-21', 'workday', ''],
    ]);
    expect(dayPlans(NATIONAL_DAY, '2026-10-01', '2026-10-01')[0]).toMatchObject({ kind: 'holiday', name: '国庆节', hours: [] });
    expect(() => workingIntervals(STD, '2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('validation helpers', () => {
  it('parses HH:MM', () => {
    expect(parseHHMM('09:30')).toBe(570);
    expect(parseHHMM('24:00')).toBe(1440);
    for (const bad of ['9:30', '24:01', '25:00', '12:60', '', '12:00:00']) expect(parseHHMM(bad)).toBeNull();
  });
  it('checks a day’s ranges', () => {
    expect(checkRanges(DAY)).toBeNull();
    expect(checkRanges([{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }])).toBeNull();
    expect(checkRanges([{ start: '12:00', end: '09:00' }])).toEqual({ index: 0, problem: 'order' });
    expect(checkRanges([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }])).toEqual({ index: 1, problem: 'overlap' });
    expect(checkRanges([{ start: '13:00', end: '14:00' }, { start: '09:00', end: '10:00' }])).toEqual({ index: 1, problem: 'overlap' });
    expect(checkRanges([{ start: '24:00', end: '24:00' }])).toEqual({ index: 0, problem: 'format' });
  });
  it('knows real dates and time zones', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-01')).toBe(false);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
