import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ChannelAdapter, InboundRequest, ParsedInbound } from './channel-adapter.js';

/**
 * The reference adapter: a generic signed JSON webhook (channel name `test`). Real code, and the
 * model for platform adapters — WeChat and WeCom differ only in how `verify`, `parse` and
 * `sendText` speak their wire formats (see docs/API.md).
 *
 * Inbound: `X-Kefu-Timestamp: <unix seconds>` and `X-Kefu-Signature: sha256=<hex>` where the
 * hex is HMAC-SHA256(secret, `<timestamp>.<raw body>`); calls older than 5 minutes are refused.
 * Body: `{ userId, messageId, text, name?, attachments?: [{ filename, contentType, base64 }] }`.
 * Outbound: `POST <outboundUrl>` with `{ userId, text }`, signed the same way.
 */
const MAX_SKEW_SECONDS = 300;

const inboundBody = z.object({
  userId: z.string().min(1).max(200),
  messageId: z.string().min(1).max(200),
  text: z.string().max(20_000),
  name: z.string().max(100).nullish(),
  attachments: z.array(z.object({ filename: z.string().max(255), contentType: z.string().max(200), base64: z.string() })).max(10).optional(),
});

export function signTestPayload(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

const header = (req: InboundRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function createTestAdapter(opts: { secret: string; outboundUrl?: string; now?: () => number }): ChannelAdapter {
  const now = opts.now ?? (() => Date.now());
  return {
    name: 'test',
    ticketChannel: 'api',
    verify(req) {
      const timestamp = header(req, 'x-kefu-timestamp');
      const signature = header(req, 'x-kefu-signature');
      if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
      if (Math.abs(now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
      const expected = Buffer.from(signTestPayload(opts.secret, timestamp, req.rawBody));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    parse(req): ParsedInbound {
      const body = inboundBody.parse(JSON.parse(req.rawBody.toString('utf8')));
      return {
        messages: [
          {
            externalUserId: body.userId,
            externalMessageId: body.messageId,
            text: body.text,
            displayName: body.name ?? null,
            attachments: body.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') })),
          },
        ],
      };
    },
    async sendText(externalUserId, text) {
      if (!opts.outboundUrl) throw new Error('channel "test": KEFU_CHANNEL_TEST_OUTBOUND_URL is not set, the reply cannot be sent');
      const body = JSON.stringify({ userId: externalUserId, text });
      const timestamp = String(Math.floor(now() / 1000));
      const res = await fetch(opts.outboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-timestamp': timestamp, 'x-kefu-signature': signTestPayload(opts.secret, timestamp, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`channel "test": the receiver answered ${res.status}`);
      const answer = (await res.json().catch(() => ({}))) as { messageId?: unknown };
      return { externalMessageId: typeof answer.messageId === 'string' ? answer.messageId : undefined };
    },
  };
}
