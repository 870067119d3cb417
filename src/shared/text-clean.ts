// Characters that render as nothing but make two equal-looking strings differ (pasted from
// web pages, chat apps and Word): zero-width space/joiners, LRM/RLM, word joiner and invisible
// operators, BOM, soft hyphen, Arabic letter mark, Mongolian vowel separator, bidi embeddings
// and isolates. Removed, not replaced by a space, because they sit inside words.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// \s covers tabs, newlines, NBSP, U+3000 ideographic space and the other Unicode spaces.
const WHITESPACE = /\s+/g;

/**
 * Normalizes free text typed or pasted by people: NFKC (full-width letters, digits and
 * punctuation become ASCII; U+3000 becomes a space), invisible characters removed, every
 * whitespace run (tabs and newlines included) collapsed to one space, trimmed.
 */
export function cleanText(input: string): string {
  return input.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

export type NameErrorCode = 'empty' | 'too_long' | 'emoji' | 'control';
export type NameCheck = { ok: true; value: string } | { ok: false; code: NameErrorCode };

// Extended_Pictographic is the emoji base set (also ©/®); regional indicators make flags,
// U+20E3 makes keycaps (1️⃣) and the skin-tone modifiers are not pictographic on their own.
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20E3]/u;
// After cleanText, tabs and newlines are spaces; what is left in Cc (NUL, ESC, DEL, C1) or Cf
// (tag characters, interlinear annotations) or a lone surrogate has no business in a name.
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}]/u;

/** Length in code points, so a CJK Extension B character (𠮷, a surrogate pair) counts as one. */
export const codePointLength = (text: string): number => [...text].length;

function validateName(input: string, max: number): NameCheck {
  const value = cleanText(input);
  if (value.length === 0) return { ok: false, code: 'empty' };
  // Emoji before control: a flag such as 🏴󠁧󠁢󠁥󠁮󠁧󠁿 carries tag characters and is an emoji to the user.
  if (EMOJI.test(value)) return { ok: false, code: 'emoji' };
  if (CONTROL.test(value)) return { ok: false, code: 'control' };
  if (codePointLength(value) > max) return { ok: false, code: 'too_long' };
  return { ok: true, value };
}

/**
 * Cleans and checks a person's name: 1–64 code points, no emoji, no control characters.
 * Middle dots (阿卜杜拉·艾山), apostrophes (O'Brien) and rare CJK characters (𠮷) are fine.
 */
export const validatePersonName = (input: string): NameCheck => validateName(input, 64);

/** Cleans and checks an organization's name: 1–128 code points, no emoji, no control characters. */
export const validateOrgName = (input: string): NameCheck => validateName(input, 128);
