import { describe, expect, it } from 'vitest';
import { likeContains, likePrefix } from './sql-like.js';

describe('LIKE patterns', () => {
  it('takes the user text literally', () => {
    expect(likeContains('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(likePrefix('a_b')).toBe('a\\_b%');
    expect(likeContains('张伟')).toBe('%张伟%');
  });
});
