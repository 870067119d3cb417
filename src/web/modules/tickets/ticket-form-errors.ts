export type FieldMessage = { name: (string | number)[]; message: string };

/**
 * The field problems of a 400, as form paths: `['body', 'subject']` → `['subject']`,
 * `['body', 'custom', 'warranty_no']` → `['custom', 'warranty_no']`, `['body', 'cc', 2]` → `['cc']`.
 */
export function ticketFieldErrors(err: unknown): FieldMessage[] {
  // an ApiError (checked by shape, so this file stays free of the browser-only client)
  const details = err && typeof err === 'object' ? (err as { details?: unknown }).details : undefined;
  if (!Array.isArray(details)) return [];
  const out: FieldMessage[] = [];
  for (const d of details as { path?: (string | number)[]; message?: string }[]) {
    if (!d.path || !d.message) continue;
    const path = d.path[0] === 'body' ? d.path.slice(1) : d.path;
    if (path.length === 0) continue;
    const name = path[0] === 'custom' && path.length > 1 ? ['custom', String(path[1])] : [String(path[0])];
    out.push({ name, message: d.message });
  }
  return out;
}
