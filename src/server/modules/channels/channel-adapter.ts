import type { TicketChannel } from '../../../shared/tickets.js';

/**
 * A messaging platform (WeChat official account 公众号, WeCom 企业微信 customer contact, …) behind
 * one interface (§5.2). An adapter knows the platform's wire format and signature; everything
 * else — who the user is, which ticket the message belongs to, storing it once, queueing the
 * reply — is the channel service's, the same for every platform.
 *
 * Writing an adapter: implement the four members below, register it in `channel-registry.ts`
 * when its settings are present, and document its settings. `test-adapter.ts` is the reference.
 */

/** The request as the platform sent it; `rawBody` is the exact bytes (signatures are over them). */
export type InboundRequest = {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
};

export type InboundAttachment = { filename: string; contentType: string; content: Buffer };

/** One user message, parsed. */
export type InboundMessage = {
  /** The platform's id of the user (WeChat openid, WeCom external_userid). */
  externalUserId: string;
  /** The platform's id of the message: a redelivery with the same id is stored once. */
  externalMessageId: string;
  text: string;
  /** The user's display name when the platform tells it (for a new customer's name). */
  displayName?: string | null;
  attachments?: InboundAttachment[];
  at?: Date;
};

/**
 * What a webhook call carries. Platforms also call for events that are no message (subscribe,
 * menu clicks) and some expect a literal answer body (WeChat: "success").
 */
export type ParsedInbound = { messages: InboundMessage[]; reply?: { contentType: string; body: string } };

export interface ChannelAdapter {
  /** Path segment of `POST /api/v1/channels/:channel/inbound`, and `channel_identities.channel`. */
  readonly name: string;
  /** The ticket channel of tickets opened through it (`wechat`, `wecom`, …). */
  readonly ticketChannel: TicketChannel;
  /** Checks the platform's signature (and freshness) of a webhook call; false → 401, nothing stored. */
  verify(req: InboundRequest): boolean;
  /** The messages in a verified call; throws for a body that is not the platform's format (→ 400). */
  parse(req: InboundRequest): ParsedInbound;
  /** Sends a text reply to a user; throws on failure (the send job retries). Returns the platform's message id if any. */
  sendText(externalUserId: string, text: string): Promise<{ externalMessageId?: string }>;
}

/** Adapters by name; filled at start from the configuration. */
export class ChannelRegistry {
  private readonly adapters = new Map<string, ChannelAdapter>();

  register(adapter: ChannelAdapter): void {
    if (!/^[a-z][a-z0-9_-]{1,31}$/.test(adapter.name)) throw new Error(`invalid channel adapter name: ${adapter.name}`);
    this.adapters.set(adapter.name, adapter);
  }

  get(name: string): ChannelAdapter | undefined {
    return this.adapters.get(name);
  }

  all(): ChannelAdapter[] {
    return [...this.adapters.values()];
  }
}
