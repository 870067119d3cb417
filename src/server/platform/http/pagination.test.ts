import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, sortParam, toPage } from './pagination.js';

describe('cursor pagination', () => {
  it('round-trips a cursor', () => {
    const c = encodeCursor({ v: '2026-01-01T00:00:00.000Z', id: 'abc' });
    expect(decodeCursor(c)).toEqual({ v: '2026-01-01T00:00:00.000Z', id: 'abc' });
  });
  it('rejects a forged cursor with a 400', () => {
    expect(() => decodeCursor('not-base64-json')).toThrowError(/validation/);
    expect(() => decodeCursor(Buffer.from('{"v":{"x":1},"id":"a"}').toString('base64url'))).toThrowError();
  });
  it('pages limit + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, n }));
    const page = toPage(rows, 2, (r) => r.n, (r) => r.id);
    expect(page.items).toEqual(['id1', 'id2']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ v: 2, id: 'id2' });
    expect(toPage(rows.slice(0, 2), 2, (r) => r.n, (r) => r.id).nextCursor).toBeNull();
  });
  it('allows only listed sorts', () => {
    const s = sortParam(['name', 'created_at'] as const, '-created_at');
    expect(s.parse('name')).toEqual({ column: 'name', direction: 'asc' });
    expect(s.parse(undefined)).toEqual({ column: 'created_at', direction: 'desc' });
    expect(s.safeParse('name; DROP TABLE users').success).toBe(false);
  });
});
