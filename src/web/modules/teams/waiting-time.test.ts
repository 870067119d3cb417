import { describe, expect, it } from 'vitest';
import { waitingParts } from './waiting-time';

describe('waiting time of a queued ticket', () => {
  const queued = '2026-06-01T09:00:00.000Z';
  const after = (minutes: number) => Date.parse(queued) + minutes * 60_000 + 30_000;

  it('counts minutes, then hours and minutes, then days and hours', () => {
    expect(waitingParts(queued, after(0))).toEqual({ unit: 'minutes', count: 0 });
    expect(waitingParts(queued, after(59))).toEqual({ unit: 'minutes', count: 59 });
    expect(waitingParts(queued, after(60))).toEqual({ unit: 'hours', h: 1, m: 0 });
    expect(waitingParts(queued, after(23 * 60 + 59))).toEqual({ unit: 'hours', h: 23, m: 59 });
    expect(waitingParts(queued, after(25 * 60 + 10))).toEqual({ unit: 'days', d: 1, h: 1 });
  });

  it('never shows a negative wait when the browser clock is behind', () => {
    expect(waitingParts(queued, Date.parse(queued) - 5 * 60_000)).toEqual({ unit: 'minutes', count: 0 });
  });
});
