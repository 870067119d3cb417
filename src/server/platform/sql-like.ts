/** Escapes `\`, `%` and `_` so the user's text is taken literally inside a LIKE pattern. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** LIKE pattern for a substring search, with the user's `%`, `_` and `\` taken literally. */
export function likeContains(text: string): string {
  return `%${likeEscape(text)}%`;
}

/** LIKE pattern for a prefix search, with the user's `%`, `_` and `\` taken literally. */
export function likePrefix(text: string): string {
  return `${likeEscape(text)}%`;
}
