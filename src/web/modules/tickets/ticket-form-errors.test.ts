import { describe, expect, it } from 'vitest';
import { ticketFieldErrors } from './ticket-form-errors';

describe('ticketFieldErrors', () => {
  it('maps body paths onto form fields', () => {
    const err = Object.assign(new Error('invalid'), { status: 400, code: 'validation', details: [
      { path: ['body', 'subject'], message: '请填写主题' },
      { path: ['body', 'custom', 'warranty_no'], message: '“保修单号”为必填项' },
      { path: ['body', 'cc', 1], message: '邮箱无效' },
      { path: ['If-Match'], message: 'ignored?' },
    ] });
    expect(ticketFieldErrors(err)).toEqual([
      { name: ['subject'], message: '请填写主题' },
      { name: ['custom', 'warranty_no'], message: '“保修单号”为必填项' },
      { name: ['cc'], message: '邮箱无效' },
      { name: ['If-Match'], message: 'ignored?' },
    ]);
  });
  it('other errors carry no field messages', () => expect(ticketFieldErrors(new Error('x'))).toEqual([]));
});
