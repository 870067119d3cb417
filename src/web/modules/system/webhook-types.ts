/** Wire shapes of /api/v1/webhooks (see src/server/modules/webhooks). */
export type Webhook = { id: string; name: string; url: string; events: string[]; active: boolean; version: number; createdAt: string; updatedAt: string };
export type WebhookWithSecret = Webhook & { secret: string };

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export type DeliveryAttempt = { attempt: number; at: string; responseStatus: number | null; error: string | null; durationMs: number; responseExcerpt: string | null };
export type Delivery = {
  id: string;
  webhookId: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
  attemptLog: DeliveryAttempt[];
};

export const DELIVERY_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };

/** Same rule as the server: `*`, `tickets.*` or an exact `tickets.created`. */
export const EVENT_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?)$/;

/** Subscription suggestions: every event, or every event of one area. */
export const EVENT_SUGGESTIONS = ['*', 'customers.*', 'tickets.*', 'calls.*', 'followups.*', 'surveys.*'];
