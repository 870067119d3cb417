import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { checkPasswordPolicy, isCommonPassword, validatePasswordPolicy } from './password-policy.js';

describe('password policy', () => {
  it('accepts 8..128 characters, counting characters not bytes', () => {
    expect(checkPasswordPolicy('Kf-7tq!z')).toBeNull();
    expect(checkPasswordPolicy('客服'.repeat(64))).toBeNull();
    expect(checkPasswordPolicy('客服'.repeat(64) + 'x')).toBe('password_too_long');
    expect(checkPasswordPolicy('客服中心热线')).toBe('password_too_short');
    expect(checkPasswordPolicy('x'.repeat(7))).toBe('password_too_short');
  });

  it('rejects common and breached passwords, whatever their case', () => {
    for (const p of ['password', 'Password1', '12345678', 'iloveyou', 'qwertyuiop', '1qaz2wsx', 'Woaini1314', 'a123456789', 'zzzzzzzzzz']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(isCommonPassword('Tq8-vL2#kefu-x')).toBe(false);
  });

  it('holds at least the top 1,000 common passwords', () => {
    // zxcvbn-ts ranks by frequency; the list's head is what attackers try first.
    expect(['sunshine', 'princess', 'football', 'baseball', 'starwars', 'trustno1', 'superman'].every(isCommonPassword)).toBe(true);
  });

  it('rejects the username as password', () => {
    expect(checkPasswordPolicy('Zhangsan01', { username: 'zhangsan01' })).toBe('password_equals_username');
    expect(checkPasswordPolicy('Zhangsan01x', { username: 'zhangsan01' })).toBeNull();
  });

  it('validatePasswordPolicy throws a 400 AppError naming the rule', () => {
    expect(() => validatePasswordPolicy('Kf-7tq!z-ok')).not.toThrow();
    try {
      validatePasswordPolicy('short');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).code).toBe('password_too_short');
    }
  });
});
