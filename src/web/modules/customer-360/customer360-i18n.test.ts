import { describe, expect, it } from 'vitest';
import { INVOICE_STATUSES, ORDER_STATUSES, PAYMENT_METHODS, TIMELINE_KINDS } from '../../../shared/customers';
import en from '../../i18n/customer360.en.json';
import zh from '../../i18n/customer360.zh-CN.json';

type Tree = { [k: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v, `${prefix}${k}.`)));

describe('customer 360 catalogues', () => {
  // Plural keys (`_one`, `_other`) exist in both: Chinese simply uses the same text twice.
  it('have the same keys in Chinese and English', () => {
    expect(flat(en as Tree).sort()).toEqual(flat(zh as Tree).sort());
  });

  it('label every timeline kind, order and invoice status, payment method and strength level', () => {
    for (const cat of [zh, en] as unknown as { customer360: Record<string, Record<string, string>> }[]) {
      const c = cat.customer360;
      for (const k of TIMELINE_KINDS) expect(c.kinds[k], k).toBeTruthy();
      for (const s of ORDER_STATUSES) expect(c.orderStatus[s], s).toBeTruthy();
      for (const s of INVOICE_STATUSES) expect(c.invoiceStatus[s], s).toBeTruthy();
      for (const m of PAYMENT_METHODS) expect(c.paymentMethod[m], m).toBeTruthy();
      for (const n of [1, 2, 3, 4, 5]) expect((c.contacts as unknown as { strengthLevels: Record<string, string> }).strengthLevels[n], String(n)).toBeTruthy();
    }
  });
});
