import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type LookupFn, resolveSafeTarget, UnsafeUrlError } from './ssrf.js';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Only the start of a receiver's answer is kept, for the delivery log. */
const EXCERPT_BYTES = 2048;

export type SendResult = {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  excerpt: string | null;
  /** A refusal by the SSRF guard: retrying cannot help. */
  refused: boolean;
};

export type SendOptions = {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowPrivate: boolean;
  timeoutMs?: number;
  /** Tests substitute DNS; production uses the system resolver. */
  lookup?: LookupFn;
};

/**
 * POSTs to a webhook URL through the SSRF guard: the host is resolved and vetted once, and the
 * socket connects to that vetted address (the `lookup` hook answers with it instead of asking
 * DNS again); the Host header and TLS server name stay the URL's host. Redirects are not followed
 * — a 3xx is a failed delivery — so a receiver cannot bounce the request to an internal address.
 */
export async function sendWebhookRequest(opts: SendOptions): Promise<SendResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  let target;
  try {
    target = await resolveSafeTarget(opts.url, { allowPrivate: opts.allowPrivate, lookup: opts.lookup });
  } catch (err) {
    const message = err instanceof UnsafeUrlError ? `refused: ${err.message}` : String(err);
    return { ok: false, status: null, error: message, durationMs: elapsed(), excerpt: null, refused: err instanceof UnsafeUrlError };
  }
  const { url, address, family } = target;
  const pinned: LookupFunction = (_host, options, callback) => {
    const cb = callback as (...args: unknown[]) => void;
    if ((options as { all?: boolean }).all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs' | 'refused'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: elapsed(), refused: false });
    };
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        lookup: pinned,
        // A fresh connection per delivery: a pooled socket could be bound to another address.
        agent: false,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(opts.body)),
          'user-agent': 'Kefu-Webhooks/1',
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size > 64 * 1024) res.destroy(); // the answer is only logged; stop reading a flood
        });
        const done = () => {
          const status = res.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
          const ok = status >= 200 && status < 300;
          const error = ok ? null : status >= 300 && status < 400 ? `redirect to ${res.headers.location ?? '?'} not followed` : `HTTP ${status}`;
          finish({ ok, status, error, excerpt: excerpt || null });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => finish({ ok: false, status: null, error: err.message.slice(0, 500), excerpt: null }));
    req.end(opts.body);
  });
}
