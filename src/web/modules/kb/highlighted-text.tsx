import type { Highlighted } from './kb-types';

/** Text with the server's hit ranges wrapped in <mark>; built from text nodes, never from HTML. */
export function HighlightedText({ value }: { value: Highlighted }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of value.marks) {
    if (start < at) continue;
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={start} style={{ padding: 0, background: '#ffe58f' }}>{value.text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(value.text.slice(at));
  return <>{parts}</>;
}
