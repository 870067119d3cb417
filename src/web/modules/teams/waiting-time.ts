import type { TFunction } from 'i18next';

/** Whole minutes, hours and days a ticket has waited, for "12 min", "3 h 5 min", "2 d 4 h". */
export function waitingParts(fromIso: string, now: number): { unit: 'minutes'; count: number } | { unit: 'hours'; h: number; m: number } | { unit: 'days'; d: number; h: number } {
  // A clock slightly behind the server's must not show a negative wait.
  const minutes = Math.max(0, Math.floor((now - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', h: hours, m: minutes % 60 };
  return { unit: 'days', d: Math.floor(hours / 24), h: hours % 24 };
}

export function waitingFor(t: TFunction, fromIso: string, now: number): string {
  const { unit, ...params } = waitingParts(fromIso, now);
  return t(`teams.duration.${unit}`, params);
}
