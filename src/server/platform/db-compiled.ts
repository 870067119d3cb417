import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DB } from './db-schema.js';

/**
 * Building and compiling a Kysely query with many columns and joins costs a few hundred
 * microseconds, more than a prepared execution of it. For hot reads we compile each query
 * shape once: the builder runs with marker values, and later calls bind the real values to
 * the markers' parameter slots. The shape key must name everything that changes the SQL text
 * (for example the caller's data scope); values are only ever bound as parameters.
 */
type Slot = { marker: string } | { constant: unknown };
const shapes = new Map<string, { sql: string; slots: Slot[] }>();
const MARK = '\u0001kefu-param:';

export function marker(name: string): string {
  return `${MARK}${name}\u0001`;
}

export async function executeCompiledOnce<R>(
  db: Kysely<DB>,
  shapeKey: string,
  values: Record<string, unknown>,
  build: (m: (name: string) => string) => Compilable<R>,
): Promise<R[]> {
  let shape = shapes.get(shapeKey);
  if (!shape) {
    const compiled = build(marker).compile();
    const slots = compiled.parameters.map((p): Slot => {
      if (typeof p === 'string' && p.startsWith(MARK)) return { marker: p.slice(MARK.length, -1) };
      return { constant: p };
    });
    shape = { sql: compiled.sql, slots };
    shapes.set(shapeKey, shape);
  }
  const parameters = shape.slots.map((s) => {
    if (!('marker' in s)) return s.constant;
    if (!(s.marker in values)) throw new Error(`no value for query parameter ${s.marker} (${shapeKey})`);
    return values[s.marker];
  });
  const result = await db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters));
  return result.rows;
}
