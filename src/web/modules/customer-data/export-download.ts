import i18n from '../../i18n/i18n';
import { ApiError } from '../../ui/api';
import { dispositionFileName, saveBlob } from './export-save';

/**
 * Downloads a file from /api/v1 with the session cookie. Server errors arrive as the usual
 * JSON error and are thrown as ApiError (so the page can show them instead of a raw JSON tab).
 */
export async function downloadFile(path: string, opts: { query?: Record<string, unknown>; method?: string; fallbackName: string }): Promise<Headers> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const res = await fetch(url, { method: opts.method ?? 'GET', headers: { 'accept-language': i18n.language }, credentials: 'same-origin' });
  if (!res.ok) {
    let err: { code?: string; message?: string; details?: unknown } = {};
    try {
      err = ((await res.json()) as { error?: typeof err }).error ?? {};
    } catch {
      /* not JSON */
    }
    if (res.status === 401) window.dispatchEvent(new Event('kefu:unauthenticated'));
    throw new ApiError(res.status, err.code ?? 'internal', err.message ?? res.statusText, err.details);
  }
  const blob = await res.blob();
  saveBlob(blob, dispositionFileName(res.headers.get('content-disposition')) ?? opts.fallbackName);
  return res.headers;
}
