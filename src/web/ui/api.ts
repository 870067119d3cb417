import i18n from '../i18n/i18n';

/** The server's one error shape, as a throwable. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type Page<T> = { items: T[]; nextCursor: string | null };

type Options = { method?: string; body?: unknown; ifMatch?: number; query?: Record<string, unknown>; headers?: Record<string, string> };

/** JSON fetch against /api/v1 with the session cookie; errors become ApiError with a localized message. */
export async function api<T = unknown>(path: string, opts: Options = {}): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { 'accept-language': i18n.language, ...(opts.headers ?? {}) };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
  const res = await fetch(url, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = data?.error ?? {};
    if (res.status === 401 && !path.startsWith('/auth/')) window.dispatchEvent(new Event('kefu:unauthenticated'));
    throw new ApiError(res.status, err.code ?? 'internal', err.message ?? res.statusText, err.details);
  }
  return data as T;
}

/** Field-level messages from a 400 `validation` error, keyed by the field name (last path segment). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { path?: (string | number)[]; message?: string }[]) {
    const key = d.path?.[d.path.length - 1];
    if (key !== undefined && d.message) out[String(key)] = d.message;
  }
  return out;
}
