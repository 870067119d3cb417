/**
 * Money is integer fen (分) on the wire; people read and type 元. Always the Chinese format
 * (¥1,234.50), in both languages, because the amounts are renminbi.
 */

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 123450 → "¥1,234.50"; -5 → "-¥0.05"; null → "—". */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const n = Math.round(fen);
  const abs = Math.abs(n);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${n < 0 ? '-' : ''}¥${groupThousands(String(yuan))}.${cents}`;
}

/** 123450 → 1234.5 (for a form's 元 input). */
export const fenToYuan = (fen: number | null | undefined): number | null => (fen === null || fen === undefined ? null : fen / 100);

/** 1234.5 元 → 123450 fen; rounding away the binary noise of 0.29 * 100. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}

/**
 * What a 元 InputNumber shows: thousands separators, and two decimals once the user is not
 * typing (1,234.50); parsed back without separators.
 */
export const yuanInputProps = {
  precision: 2,
  min: 0,
  prefix: '¥',
  formatter: (v: string | number | undefined, info?: { userTyping: boolean; input: string }) => {
    if (v === undefined || v === '' || v === null) return '';
    const text = info?.userTyping ? info.input.replace(/[¥,\s]/g, '') : Number(v).toFixed(2);
    if (!/^-?\d*(\.\d*)?$/.test(text)) return text;
    const [int, dec] = text.split('.');
    return dec === undefined ? groupThousands(int!) : `${groupThousands(int!)}.${dec}`;
  },
  parser: (v: string | undefined) => (v ?? '').replace(/[¥,\s]/g, ''),
} as const;

/** 123450 fen → "1,234.50" (no currency sign), e.g. for a placeholder inside a ¥-prefixed input. */
export const formatFenPlain = (fen: number) => formatFen(fen).replace('¥', '');

/** 2 → "2", 1.5 → "1.5" (quantities may be fractional: kilograms, hours). */
export const formatQuantity = (q: number) => (Number.isInteger(q) ? groupThousands(String(q)) : String(Math.round(q * 1000) / 1000));
