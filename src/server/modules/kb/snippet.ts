/**
 * A short excerpt of an article around the first hit of the query's terms, with the ranges of
 * every hit inside it, for a result list. Pure.
 */
export type Highlighted = { text: string; marks: [number, number][] };

const WINDOW = 120;
const LEAD = 30;

/** Ranges [start, end) of every case-insensitive occurrence of the terms (longest term first, no overlaps). */
export function findMarks(text: string, terms: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const taken: [number, number][] = [];
  for (const term of [...new Set(terms.map((t) => t.toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length)) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(term, from);
      if (at < 0) break;
      const end = at + term.length;
      if (!taken.some(([s, e]) => at < e && end > s)) taken.push([at, end]);
      from = end;
    }
  }
  return taken.sort((a, b) => a[0] - b[0]);
}

export function highlight(text: string, terms: string[]): Highlighted {
  return { text, marks: findMarks(text, terms) };
}

/** An excerpt of `text` (plain text) starting a little before the first hit. */
export function snippet(text: string, terms: string[]): Highlighted {
  const all = findMarks(text, terms);
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - LEAD);
  // do not cut a surrogate pair in half
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start -= 1;
  let end = Math.min(text.length, start + WINDOW);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end += 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  const marks = all.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift] as [number, number]);
  return { text: prefix + text.slice(start, end) + suffix, marks };
}
