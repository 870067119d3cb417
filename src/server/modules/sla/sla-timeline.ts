import { type BusinessCalendar, localDate, workingIntervals } from '../../../shared/business-time.js';

/**
 * Working time of a calendar as sorted intervals with running totals, built lazily in chunks of
 * local days and kept per calendar object. "Working milliseconds between a and b" and "the
 * instant n working milliseconds after t" become binary searches instead of a walk over every
 * day — the scan computes thousands of clocks against the same calendar, and a long target (a
 * month of working time) would otherwise walk hundreds of days per ticket. Results are the
 * same as `businessMinutesBetween` / `addBusinessMinutes` of shared/business-time.ts.
 */

const DAY_MS = 86_400_000;
const CHUNK_DAYS = 64;
/** As in business-time.ts: a calendar with no working minute in this many days is refused. */
const MAX_IDLE_CHUNKS = Math.ceil(400 / CHUNK_DAYS) + 1;

type Chunk = { starts: number[]; ends: number[]; before: number[]; total: number };

const dayNumber = (date: string) => Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class WorkingTimeline {
  private readonly chunks = new Map<number, Chunk>();
  private readonly chunkOfQuarter = new Map<number, number>();
  constructor(private readonly cal: BusinessCalendar) {}

  /**
   * The chunk of an instant's local day. Every zone's offset is a multiple of 15 minutes, so
   * local midnight never falls inside a quarter hour and the answer is cached per quarter.
   */
  private indexOf(t: number): number {
    const quarter = Math.floor(t / 900_000);
    let c = this.chunkOfQuarter.get(quarter);
    if (c === undefined) {
      c = Math.floor(dayNumber(localDate(this.cal, new Date(quarter * 900_000))) / CHUNK_DAYS);
      if (this.chunkOfQuarter.size > 100_000) this.chunkOfQuarter.clear();
      this.chunkOfQuarter.set(quarter, c);
    }
    return c;
  }

  private chunk(c: number): Chunk {
    let ch = this.chunks.get(c);
    if (!ch) {
      const list = workingIntervals(this.cal, dateOf(c * CHUNK_DAYS), dateOf(c * CHUNK_DAYS + CHUNK_DAYS - 1));
      ch = { starts: [], ends: [], before: [], total: 0 };
      for (const i of list) {
        ch.starts.push(i.start.getTime());
        ch.ends.push(i.end.getTime());
        ch.before.push(ch.total);
        ch.total += i.end.getTime() - i.start.getTime();
      }
      this.chunks.set(c, ch);
    }
    return ch;
  }

  /** Working ms of chunk `c` before instant t. */
  private within(c: number, t: number): number {
    const ch = this.chunk(c);
    let lo = 0;
    let hi = ch.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ch.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const last = lo - 1;
    return ch.before[last] + Math.min(ch.ends[last], t) - ch.starts[last];
  }

  /** Working milliseconds in [a, b). */
  between(a: number, b: number): number {
    if (!(b > a)) return 0;
    const ca = this.indexOf(a);
    const cb = this.indexOf(b);
    if (ca === cb) return this.within(cb, b) - this.within(ca, a);
    let ms = this.chunk(ca).total - this.within(ca, a);
    for (let c = ca + 1; c < cb; c++) ms += this.chunk(c).total;
    return ms + this.within(cb, b);
  }

  /** The instant `ms` (> 0) working milliseconds after t; the exact end of an interval stops there. */
  after(t: number, ms: number): number {
    let c = this.indexOf(t);
    let v = this.within(c, t) + ms;
    for (let idle = 0; ; c++) {
      const ch = this.chunk(c);
      if (v <= ch.total) {
        let lo = 0;
        let hi = ch.starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ch.before[mid] + ch.ends[mid] - ch.starts[mid] >= v) hi = mid;
          else lo = mid + 1;
        }
        return ch.starts[lo] + (v - ch.before[lo]);
      }
      v -= ch.total;
      idle = ch.total === 0 ? idle + 1 : 0;
      if (idle > MAX_IDLE_CHUNKS) throw new RangeError('calendar has no working time');
    }
  }
}

const timelines = new WeakMap<BusinessCalendar, WorkingTimeline>();
/** The timeline of a calendar object (shared by every clock computed against it). */
export function timelineOf(cal: BusinessCalendar): WorkingTimeline {
  let tl = timelines.get(cal);
  if (!tl) timelines.set(cal, (tl = new WorkingTimeline(cal)));
  return tl;
}
