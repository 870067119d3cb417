import { describe, expect, it } from 'vitest';
import { normalizeCnPhone } from '../../../../shared/phone.js';
import { normalizePhoneFast } from './import-phones.js';

describe('import phones: the per-号段 shortcut', () => {
  it('agrees with normalizeCnPhone on every 5-digit mobile prefix and random tails', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let prefix = 13000; prefix <= 19999; prefix++) {
      // two numbers per prefix, so a cached verdict is reused for the second
      for (let k = 0; k < 2; k++) {
        const n = `${prefix}${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
        expect(normalizePhoneFast(n), n).toEqual(normalizeCnPhone(n));
      }
    }
  });

  it('falls back to the full parser for anything but a clean 11-digit mobile', () => {
    for (const n of ['+86 138 1234 5678', '１３８１２３４５６７８', '010-62345678', '0755 8601 3388', '1381234567', '1'.repeat(50), 'abc13812345678']) {
      expect(normalizePhoneFast(n), n).toEqual(normalizeCnPhone(n));
    }
  });
});
