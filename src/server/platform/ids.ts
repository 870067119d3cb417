import { randomFillSync } from 'node:crypto';

// Random bytes come from a pooled buffer: a bulk import makes several ids per row, and one
// `randomBytes` call per id cost ~8 % of an import's time.
const POOL = 16 * 4096;
let pool = Buffer.alloc(0);
let pos = POOL;
let lastMs = 0;
let seq = 0;

function random16(): Buffer {
  if (pos + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL));
    pos = 0;
  }
  // A copy: the pool is overwritten when it is refilled.
  const b = Buffer.from(pool.subarray(pos, pos + 16));
  pos += 16;
  return b;
}

/** UUID v7: 48-bit Unix milliseconds, a 12-bit sequence within the millisecond, random bits; monotonic within one process. */
export function uuidv7(now = Date.now()): string {
  const b = random16();
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = b.readUInt16BE(6) & 0x7ff;
  }
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
