import type { DayKind } from './calendar-types';

export type ParsedDay = { date: string; kind: DayKind; name: string };
export type LineError = { line: number; text: string; key: string; params?: Record<string, unknown>; message?: string };

const KINDS: Record<string, DayKind> = {
  holiday: 'holiday',
  workday: 'workday',
  休: 'holiday',
  假: 'holiday',
  班: 'workday',
  调休: 'workday',
};

const isRealDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/**
 * Parses pasted lines `2026-10-01,holiday,国庆节` (also full-width commas, tabs, 休/班).
 * The name may be left out. Blank lines and lines starting with # are skipped. Errors carry
 * i18n keys per line.
 */
export function parseImport(text: string): { days: ParsedDay[]; lines: number[]; errors: LineError[] } {
  const days: ParsedDay[] = [];
  // source line of each parsed day, so the server's per-index problems point at the pasted line
  const lines: number[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const parts = trimmed.split(/[,，\t]/).map((p) => p.trim());
    const fail = (key: string, params?: Record<string, unknown>) => errors.push({ line, text: trimmed, key, params });
    if (parts.length < 2 || parts.length > 3) return fail('calendars.import.errColumns');
    const [date, kindRaw, name = ''] = parts;
    if (!isRealDate(date)) return fail('calendars.import.errDate', { value: date });
    const kind = KINDS[kindRaw.toLowerCase()];
    if (!kind) return fail('calendars.import.errKind', { value: kindRaw });
    if (name.length > 50) return fail('calendars.import.errNameLong');
    const prev = seen.get(date);
    if (prev !== undefined) return fail('calendars.import.errDuplicate', { value: date, line: prev });
    seen.set(date, line);
    days.push({ date, kind, name });
    lines.push(line);
  });
  return { days, lines, errors };
}
