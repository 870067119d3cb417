import type { ContactView, CustomerView, INVOICE_STATUSES, ORDER_STATUSES, PAYMENT_METHODS } from '../../../shared/customers';

/** Wire shapes of the 360 answers (see src/server/modules/customers/consumption.service.ts and customer-overview.service.ts). */

export type Consumption = {
  orderCount: number;
  revenueFen: number;
  marginFen: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  invoicedFen: number;
  paidFen: number;
  receivableFen: number;
  overdueFen: number;
};

/** §2.10: figures computable from the file today; the rest stay null until tiering exists. */
export type Portrait = {
  lifetimeValueFen: number;
  orderCount: number;
  averageOrderFen: number | null;
  daysSinceLastOrder: number | null;
  daysSinceLastActivity: number | null;
  preferredChannel: string | null;
  valueTier: string | null;
  rfmSegment: string | null;
  satisfactionTrend: string | null;
  churnRisk: string | number | null;
};

export type StatusHistoryEntry = { id: string; from: string | null; to: string; reason: string; at: string; actorId: string | null; actorName: string | null };
export type FeedbackEntry = { id: string; at: string; kind: string; title: string; detail: Record<string, unknown> };

export type Overview = {
  customer: CustomerView;
  contacts: ContactView[];
  consumption: Consumption;
  statusHistory: StatusHistoryEntry[];
  feedback: FeedbackEntry[];
  portrait: Portrait;
};

export type Product = { id: string; sku: string; name: string; category: string | null; unitPriceFen: number; active: boolean; version: number };

export type OrderItem = { productId?: string | null; sku?: string | null; name: string; quantity: number; unitPriceFen: number };
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type Order = {
  id: string;
  customerId: string;
  orderNo: string;
  orderedAt: string;
  status: OrderStatus;
  items: OrderItem[];
  amountFen: number;
  marginFen: number | null;
  channel: string | null;
};

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type Invoice = {
  id: string;
  customerId: string;
  orderId: string | null;
  invoiceNo: string;
  /** YYYY-MM-DD */
  issuedAt: string;
  /** YYYY-MM-DD */
  dueAt: string;
  amountFen: number;
  paidFen: number;
  status: InvoiceStatus;
};

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type Payment = { id: string; customerId: string; invoiceId: string | null; paidAt: string; amountFen: number; method: PaymentMethod; reference: string | null };
