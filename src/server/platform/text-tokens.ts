import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Search tokens for free Chinese and English text (ticket subjects, article titles): jieba's
 * search-mode words (售后 stays one word), every Han character and pair of adjacent Han
 * characters (so a fragment the dictionary splits differently still matches), and lower-cased Latin
 * words and digit runs. Stored in a text[] column with a GIN index and queried with `@>`.
 */
let jieba: Jieba | null = null;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
const MAX_TOKENS = 400;

/** Every Han character and every pair of adjacent Han characters. */
function hanGrams(text: string, out: Set<string>): void {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if (!HAN.test(chars[i])) continue;
    out.add(chars[i]);
    if (i + 1 < chars.length && HAN.test(chars[i + 1])) out.add(chars[i] + chars[i + 1]);
  }
}

function hanBigrams(text: string, out: Set<string>): void {
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (HAN.test(chars[i]) && HAN.test(chars[i + 1])) out.add(chars[i] + chars[i + 1]);
  }
}

/** Tokens of a text for indexing. */
export function textTokens(...parts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    const text = part.normalize('NFKC').toLowerCase();
    for (const word of segmenter().cutForSearch(text, true)) {
      const w = word.trim();
      if (w && WORD.test(w) && [...w].length <= 30) out.add(w);
    }
    hanGrams(text, out);
    // Latin words and digit runs as typed (jieba glues some to their neighbours: AB-12345).
    for (const run of text.split(/[^\p{L}\p{N}]+/u)) if (run && !HAN.test(run) && run.length <= 30) out.add(run);
    if (out.size >= MAX_TOKENS) break;
  }
  return [...out].slice(0, MAX_TOKENS);
}

/**
 * The tokens a query must all match: its words, with Han runs longer than two characters
 * reduced to bigrams (which the index holds for every text), so 退货流程 finds 退货的流程 too.
 */
export function queryTokens(q: string): string[] {
  const text = q.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const run of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!run) continue;
    if (!HAN.test(run)) {
      out.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.add(run);
    else hanBigrams(run, out);
  }
  return [...out].slice(0, 20);
}
