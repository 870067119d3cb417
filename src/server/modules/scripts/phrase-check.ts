/**
 * Finds forbidden phrases (反面用语) in outgoing text. Pure: no I/O.
 *
 * Matching is done on a normalized copy of the text: each character NFKC-normalized (full-width
 * Ａ and ！ become A and !) and lower-cased, with whitespace, punctuation and symbols dropped —
 * so 不 知 道, 不-知-道 and ＮＯ ＷＡＹ (full-width) are found as well. Every kept character remembers where
 * it came from, so hits are reported as [start, end) offsets (UTF-16, as JavaScript indexes
 * strings) in the original text.
 */
export type PhraseRule = { phrase: string; suggestion: string; severity: 'warn' | 'block' };
export type PhraseHit = PhraseRule & { start: number; end: number };

// What people slip between characters to dodge a filter.
const IGNORED = /[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;

type Normalized = { chars: string[]; from: number[]; to: number[] };

function normalize(text: string): Normalized {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const end = offset + ch.length;
    // one character can normalize to several (ﬁ → fi): each keeps the original's range
    for (const n of ch.normalize('NFKC').toLowerCase()) {
      if (IGNORED.test(n)) continue;
      chars.push(n);
      from.push(offset);
      to.push(end);
    }
    offset = end;
  }
  return { chars, from, to };
}

/** The characters of a phrase as they are compared (normalized, separators dropped). */
export function normalizePhrase(phrase: string): string[] {
  return normalize(phrase).chars;
}

// A latin or numeric phrase must not match inside a longer word: "no" is not in "notice".
function atWordBoundary(text: string, start: number, end: number, phrase: string[]): boolean {
  const before = [...text.slice(Math.max(0, start - 2), start)].pop() ?? ' ';
  const after = [...text.slice(end, end + 2)][0] ?? ' ';
  if (LATIN_OR_DIGIT.test(phrase[0]) && WORD_CHAR.test(before.normalize('NFKC'))) return false;
  if (LATIN_OR_DIGIT.test(phrase[phrase.length - 1]) && WORD_CHAR.test(after.normalize('NFKC'))) return false;
  return true;
}

/**
 * Every occurrence of every rule's phrase in `text`, sorted by position (then longer first).
 * Occurrences of one phrase do not overlap each other; different phrases may overlap.
 */
export function findPhrases(text: string, rules: readonly PhraseRule[]): PhraseHit[] {
  const norm = normalize(text);
  const hits: PhraseHit[] = [];
  for (const rule of rules) {
    const needle = normalizePhrase(rule.phrase);
    if (needle.length === 0) continue;
    let i = 0;
    while (i + needle.length <= norm.chars.length) {
      let k = 0;
      while (k < needle.length && norm.chars[i + k] === needle[k]) k++;
      if (k === needle.length) {
        const start = norm.from[i];
        const end = norm.to[i + needle.length - 1];
        if (atWordBoundary(text, start, end, needle)) {
          hits.push({ phrase: rule.phrase, suggestion: rule.suggestion, severity: rule.severity, start, end });
          i += needle.length;
          continue;
        }
      }
      i++;
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The hits and whether any of them blocks sending. */
export function checkPhrases(text: string, rules: readonly PhraseRule[]): { hits: PhraseHit[]; blocked: boolean } {
  const hits = findPhrases(text, rules);
  return { hits, blocked: hits.some((h) => h.severity === 'block') };
}
