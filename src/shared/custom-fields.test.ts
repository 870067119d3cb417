import { describe, expect, it } from 'vitest';
import { type CustomFieldDef, validateCustomValues } from './custom-fields.js';

const DEFS: CustomFieldDef[] = [
  { key: 'contract_no', label: '合同编号', labelEn: 'Contract no.', type: 'text', required: true },
  { key: 'seats', label: '坐席数', labelEn: 'Seats', type: 'number' },
  { key: 'signed_on', label: '签约日期', type: 'date' },
  {
    key: 'industry',
    label: '行业',
    labelEn: 'Industry',
    type: 'select',
    options: [
      { value: 'retail', label: '零售' },
      { value: 'finance', label: '金融' },
    ],
  },
  {
    key: 'channels',
    label: '渠道',
    type: 'multiselect',
    required: true,
    options: [
      { value: 'phone', label: '电话' },
      { value: 'wechat', label: '微信' },
    ],
  },
  { key: 'vip', label: '重点客户', type: 'boolean' },
  { key: 'legacy_code', label: '旧编码', type: 'text', active: false },
];

const byKey = (r: ReturnType<typeof validateCustomValues>) => Object.fromEntries(r.errors.map((e) => [e.key, e.code]));

describe('validateCustomValues', () => {
  it('accepts valid values and normalizes them', () => {
    const r = validateCustomValues(DEFS, {
      contract_no: '  HT-2026-001 ',
      seats: '12',
      signed_on: '2026-02-28',
      industry: 'retail',
      channels: ['phone', 'wechat'],
      vip: false,
    });
    expect(r.ok).toBe(true);
    expect(r.values).toEqual({ contract_no: 'HT-2026-001', seats: 12, signed_on: '2026-02-28', industry: 'retail', channels: ['phone', 'wechat'], vip: false });
  });

  it('reports each bad field with a code and a message in the user’s language', () => {
    const r = validateCustomValues(DEFS, { contract_no: 7, seats: 'twelve', signed_on: '2026-02-30', industry: 'farming', channels: ['phone', 'phone'], vip: 'yes', nope: 1 });
    expect(r.ok).toBe(false);
    expect(byKey(r)).toEqual({
      nope: 'unknown_field',
      contract_no: 'type',
      seats: 'type',
      signed_on: 'invalid_date',
      industry: 'invalid_option',
      channels: 'duplicate_option',
      vip: 'type',
    });
    expect(r.errors.find((e) => e.key === 'industry')!.message).toBe('“行业”的选项“farming”不存在');
    const en = validateCustomValues(DEFS, { industry: 'farming', contract_no: 'x', channels: ['phone'] }, 'en');
    expect(en.errors).toEqual([{ key: 'industry', code: 'invalid_option', message: '"Industry" has no option "farming"' }]);
  });

  it('enforces required fields; empty text and empty lists count as missing', () => {
    expect(byKey(validateCustomValues(DEFS, {}))).toEqual({ contract_no: 'required', channels: 'required' });
    expect(byKey(validateCustomValues(DEFS, { contract_no: '   ', channels: [] }))).toEqual({ contract_no: 'required', channels: 'required' });
    expect(validateCustomValues(DEFS, { contract_no: 'A', channels: ['wechat'] }).ok).toBe(true);
  });

  it('on a partial update only checks what is sent, but a cleared required field is an error', () => {
    expect(validateCustomValues(DEFS, { seats: 3 }, 'zh-CN', { partial: true })).toEqual({ ok: true, errors: [], values: { seats: 3 } });
    expect(byKey(validateCustomValues(DEFS, { contract_no: null }, 'zh-CN', { partial: true }))).toEqual({ contract_no: 'required' });
    expect(validateCustomValues(DEFS, { seats: null, industry: '' }, 'zh-CN', { partial: true }).values).toEqual({ seats: null, industry: null });
  });

  it('refuses values for inactive fields but lets them be cleared', () => {
    const base = { contract_no: 'A', channels: ['phone'] };
    expect(byKey(validateCustomValues(DEFS, { ...base, legacy_code: 'X1' }))).toEqual({ legacy_code: 'inactive_field' });
    expect(validateCustomValues(DEFS, { ...base, legacy_code: null }).ok).toBe(true);
  });

  it('refuses non-finite numbers, over-long text and non-string options', () => {
    const base = { contract_no: 'A', channels: ['phone'] };
    expect(byKey(validateCustomValues(DEFS, { ...base, seats: Number.POSITIVE_INFINITY }))).toEqual({ seats: 'type' });
    expect(byKey(validateCustomValues(DEFS, { ...base, seats: '1e999' }))).toEqual({ seats: 'type' });
    expect(byKey(validateCustomValues(DEFS, { ...base, seats: '0x10' }))).toEqual({ seats: 'type' });
    expect(validateCustomValues(DEFS, { ...base, seats: '-1.5e2' }).values.seats).toBe(-150);
    expect(byKey(validateCustomValues(DEFS, { ...base, contract_no: 'x'.repeat(2001) }))).toEqual({ contract_no: 'too_long' });
    expect(byKey(validateCustomValues(DEFS, { ...base, channels: ['phone', 3] }))).toEqual({ channels: 'type' });
    expect(byKey(validateCustomValues(DEFS, { ...base, channels: 'phone' }))).toEqual({ channels: 'type' });
  });

  it('treats a null values object as empty', () => {
    expect(byKey(validateCustomValues(DEFS, null))).toEqual({ contract_no: 'required', channels: 'required' });
  });
});
