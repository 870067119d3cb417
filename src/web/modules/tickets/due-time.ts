/**
 * Remaining (or overdue) wall-clock time to an SLA deadline, split for display: "2 小时 5 分" /
 * "overdue 3 d 4 h". Pure; `now` is passed in.
 */
export type DueParts = { overdue: boolean; unit: 'm'; m: number } | { overdue: boolean; unit: 'h'; h: number; m: number } | { overdue: boolean; unit: 'd'; d: number; h: number };

export function dueParts(dueIso: string, now: number): DueParts {
  const diff = Date.parse(dueIso) - now;
  const overdue = diff < 0;
  const minutes = Math.floor(Math.abs(diff) / 60_000);
  if (minutes < 60) return { overdue, unit: 'm', m: minutes };
  if (minutes < 24 * 60) return { overdue, unit: 'h', h: Math.floor(minutes / 60), m: minutes % 60 };
  return { overdue, unit: 'd', d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) };
}
