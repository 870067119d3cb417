import { api, type Page } from './api';

/**
 * Every item of a list endpoint, following cursors (for small reference lists such as
 * departments, positions and roles that feed selects and trees). Sends no `limit`: such
 * lists answer whole and refuse unknown query parameters. Accepts a bare array too.
 */
export async function fetchAll<T>(path: string, query: Record<string, unknown> = {}, max = 5000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T> | T[]>(path, { query: { ...query, cursor } });
    if (Array.isArray(page)) return page;
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}

/**
 * Counts a list up to `cap` rows without loading more than that: enough for dashboard
 * figures such as "12 failed jobs", shown as "200+" beyond the cap.
 */
export async function countUpTo(path: string, query: Record<string, unknown> = {}, cap = 200): Promise<{ count: number; more: boolean }> {
  const page = await api<Page<unknown> & { total?: number }>(path, { query: { ...query, limit: cap } });
  if (typeof page.total === 'number') return { count: page.total, more: false };
  return { count: page.items.length, more: !!page.nextCursor };
}
