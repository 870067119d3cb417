import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Cursor pagination. A cursor is opaque to clients: base64url JSON of the sort value and id
 * of the last row returned. Lists answer `{ items, nextCursor }`.
 */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export type CursorValue = { v: string | number | null; id: string };

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorValue | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorValue;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.id !== 'string') throw new Error('shape');
    if (parsed.v !== null && typeof parsed.v !== 'string' && typeof parsed.v !== 'number') throw new Error('shape');
    return parsed;
  } catch {
    throw new AppError('validation', 400, [{ path: ['query', 'cursor'], code: 'invalid_cursor', message: 'invalid cursor' }]);
  }
}

/** Given `limit + 1` rows, returns the page and the cursor for the next one. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, sortValue: (r: R) => string | number | null, present: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return {
    items: slice.map(present),
    nextCursor: more && last ? encodeCursor({ v: normalize(sortValue(last)), id: last.id }) : null,
  };
}

function normalize(v: unknown): string | number | null {
  if (v instanceof Date) return v.toISOString();
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : String(v);
}

/**
 * An allowlisted sort: `?sort=name` or `?sort=-created_at`. Anything not in the list is a 400,
 * so a sort parameter can never reach SQL as an identifier.
 */
export function sortParam<const K extends string>(allowed: readonly K[], fallback: `${'' | '-'}${K}`) {
  const values = allowed.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z
    .enum(values)
    .default(fallback)
    .transform((s) => ({ column: (s.startsWith('-') ? s.slice(1) : s) as K, direction: (s.startsWith('-') ? 'desc' : 'asc') as 'asc' | 'desc' }));
}
