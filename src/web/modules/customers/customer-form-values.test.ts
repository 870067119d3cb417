import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../../shared/customers';
import { concealedOf, formPathOf, serverFieldErrors, toCreateBody, toFormValues, toPatchBody } from './customer-form-values';
import type { CustomerFieldDef } from './customer-types';

const defs: CustomerFieldDef[] = [
  { id: '1', key: 'level', label: '等级', type: 'select', options: [{ value: 'a', label: 'A' }], sort: 0, active: true },
  { id: '2', key: 'old', label: '旧字段', type: 'text', sort: 1, active: false },
];

const customer: CustomerView = {
  id: '01a22898-b81b-74bc-9642-b1a71282f90d',
  kind: 'individual',
  name: '张伟',
  nameEn: null,
  gender: 'male',
  birthday: null,
  phones: [{ value: '138****5678', kind: 'mobile', label: '手机' }],
  email: 'z***@example.com',
  wechat: null,
  provinceCode: '44',
  cityCode: '4403',
  districtCode: '440305',
  regionLabel: '广东省 深圳市 南山区',
  address: null,
  company: null,
  jobTitle: null,
  creditCode: null,
  industry: null,
  companySize: null,
  legalRep: null,
  registeredCapitalFen: null,
  idNumber: null,
  maskedFields: ['phone', 'email'],
  hiddenFields: [],
  sourceChannel: 'wechat',
  ownerId: '01a22896-edae-7634-b4d6-b099a50dccc1',
  ownerName: '王丽',
  departmentId: null,
  lifecycleStatus: 'active',
  classMarketing: null,
  classManagement: null,
  classProduct: null,
  isInternal: false,
  tags: ['VIP'],
  custom: { level: 'a', old: 'x' },
  preferences: {},
  remark: '',
  lastActivityAt: null,
  mergedIntoId: null,
  anonymizedAt: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('customer form values', () => {
  it('build a create body: capital in fen, region split, only this kind’s fields, active custom fields, empty values left out', () => {
    const v = {
      ...toFormValues(null, 'me'),
      kind: 'organization' as const,
      name: ' 深圳市腾达科技有限公司 ',
      wechat: 'ignored_for_orgs',
      registeredCapitalYuan: 1234.56,
      region: ['44', '4403'],
      phones: [{ value: ' 0755-86013388 ', label: '总机' }, { value: '', label: null }],
      custom: { level: 'a', old: 'y' },
    };
    const body = toCreateBody(v, defs) as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'organization', name: '深圳市腾达科技有限公司', registeredCapitalFen: 123456, provinceCode: '44', cityCode: '4403', ownerId: 'me', lifecycleStatus: 'potential' });
    expect(body.phones).toEqual([{ value: '0755-86013388', label: '总机' }]);
    expect(body.custom).toEqual({ level: 'a' });
    expect(body).not.toHaveProperty('wechat');
    expect(body).not.toHaveProperty('districtCode');
    expect(body).not.toHaveProperty('email');
  });

  it('send only what changed on edit, never a masked value back', () => {
    const initial = toFormValues(customer, 'me');
    expect(initial.phones).toEqual([]);
    expect(initial.email).toBe('');
    const concealed = concealedOf(customer);
    expect(toPatchBody(initial, { ...initial }, defs, { concealed, replacePhones: false })).toEqual({});
    const changed = { ...initial, wechat: 'zhangwei_sz', tags: ['VIP', '华南区'], custom: { ...initial.custom, level: undefined } };
    expect(toPatchBody(initial, changed, defs, { concealed, replacePhones: false })).toEqual({ wechat: 'zhangwei_sz', tags: ['VIP', '华南区'], custom: { level: null } });
    const typed = { ...initial, email: 'new@example.com', phones: [{ value: '13912345678', label: null }] };
    expect(toPatchBody(initial, typed, defs, { concealed, replacePhones: false })).toEqual({ email: 'new@example.com' });
    expect(toPatchBody(initial, typed, defs, { concealed, replacePhones: true })).toEqual({ email: 'new@example.com', phones: [{ value: '13912345678', label: null }] });
  });

  it('put each server message under its field', () => {
    expect(formPathOf(['phones', '1', 'value'])).toEqual(['phones', 1, 'value']);
    expect(formPathOf(['districtCode'])).toEqual(['region']);
    expect(formPathOf(['registeredCapitalFen'])).toEqual(['registeredCapitalYuan']);
    expect(formPathOf(['custom', 'level'])).toEqual(['custom', 'level']);
    const err = Object.assign(new Error('validation'), {
      details: [
        { path: ['body', 'phones', '0', 'value'], message: '号码无效' },
        { path: ['body', 'creditCode'], message: '校验位不正确' },
        { path: ['body'], message: 'ignored' },
      ],
    });
    expect(serverFieldErrors(err)).toEqual([
      { name: ['phones', 0, 'value'], message: '号码无效' },
      { name: ['creditCode'], message: '校验位不正确' },
    ]);
    expect(serverFieldErrors(new Error('x'))).toEqual([]);
  });
});
