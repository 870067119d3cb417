import { describe, expect, it } from 'vitest';
import { checkMapping, headerKey, suggestMapping } from './column-mapping.js';
import { cellText, decodeCsv, detectDelimiter, headerNames } from './import-parse.js';
import { parseAmountFen, parseBoolean, parseDay, parseEnum, splitList } from './import-values.js';

const defs = [{ key: 'level', label: '会员等级', labelEn: 'Member level', type: 'select' as const, options: [{ value: 'gold', label: '金卡' }] }];

describe('import: column mapping', () => {
  it('suggests targets from Chinese and English headers, custom fields by label or key', () => {
    const headers = ['客户名称*', '手机号码（必填）', '电话', 'E-mail', '身份证号码', '统一社会信用代码', '省份', '城市', '区县', '详细地址', '客户类型', '性别', '出生日期', '公司名称', '职位', '所属行业', '客户来源', '客户经理', '标签', '客户状态', '备注', 'Member level', '不认识'];
    expect(suggestMapping(headers, defs)).toEqual({
      '客户名称*': 'name', '手机号码（必填）': 'phone', 电话: 'phone', 'E-mail': 'email', 身份证号码: 'idNumber', 统一社会信用代码: 'creditCode', 省份: 'province', 城市: 'city', 区县: 'district',
      详细地址: 'address', 客户类型: 'kind', 性别: 'gender', 出生日期: 'birthday', 公司名称: 'company', 职位: 'jobTitle', 所属行业: 'industry', 客户来源: 'sourceChannel', 客户经理: 'owner',
      标签: 'tags', 客户状态: 'lifecycleStatus', 备注: 'remark', 'Member level': 'custom.level',
    });
    expect(suggestMapping(['Name', 'Mobile', 'Owner', 'Tags', 'level', '注册资本（万元）'], defs)).toEqual({ Name: 'name', Mobile: 'phone', Owner: 'owner', Tags: 'tags', level: 'custom.level', '注册资本（万元）': 'registeredCapital' });
    // a second name column is not taken twice
    expect(suggestMapping(['姓名', '名称'], [])).toEqual({ 姓名: 'name' });
    expect(headerKey(' 手机 号码 (必填) ')).toBe('手机号码');
  });

  it('checks a chosen mapping', () => {
    const codes = (m: Record<string, string>) => checkMapping(m, ['姓名', '手机', '备注'], defs, 'zh-CN').map((p) => p.code);
    expect(codes({ 姓名: 'name', 手机: 'phone', 备注: 'ignore' })).toEqual([]);
    expect(codes({ 姓名: 'name', 手机: 'custom.level' })).toEqual([]);
    expect(codes({ 姓名: 'name', 手机: 'custom.nope' })).toEqual(['unknown_target']);
    expect(codes({ 手机: 'phone' })).toEqual(['missing_name']);
    expect(codes({ 姓名: 'name', 手机: 'name' })).toEqual(['duplicate_target']);
    expect(codes({ 姓名: 'name', 手机: 'phone', 备注: 'phone' })).toEqual([]);
  });
});

describe('import: reading values and files', () => {
  it('reads enum labels, dates, amounts, yes/no and lists', () => {
    expect(parseEnum('lifecycleStatus', '现实')).toBe('active');
    expect(parseEnum('lifecycleStatus', 'At risk')).toBe('at_risk');
    expect(parseEnum('lifecycleStatus', '挽回客户')).toBe('won_back');
    expect(parseEnum('lifecycleStatus', '很好')).toBeNull();
    expect(parseEnum('kind', '单位')).toBe('organization');
    expect(parseEnum('gender', '女士')).toBe('female');
    expect(parseEnum('sourceChannel', '转介绍')).toBe('referral');
    expect(['2024-01-31', '2024/1/31', '2024.1.31', '2024年1月31日', '20240131', '2024-01-31 08:00:00'].map(parseDay)).toEqual(Array(6).fill('2024-01-31'));
    expect(['2023-02-29', '2024-13-01', '31/01/2024', 'abc'].map(parseDay)).toEqual([null, null, null, null]);
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseAmountFen('1,000,000')).toBe(100_000_000);
    expect(parseAmountFen('100万')).toBe(100_000_000);
    expect(parseAmountFen('50', true)).toBe(50_000_000);
    expect(parseAmountFen('¥12.5元')).toBe(1250);
    expect(parseAmountFen('-5')).toBeNull();
    expect([parseBoolean('是'), parseBoolean('FALSE'), parseBoolean('也许')]).toEqual([true, false, null]);
    expect(splitList('VIP，老客户、重点;VIP')).toEqual(['VIP', '老客户', '重点']);
  });

  it('decodes UTF-8 with and without BOM, GB18030 and UTF-16; finds the delimiter; reads XLSX cell values', () => {
    expect(decodeCsv(Buffer.from('\uFEFF姓名', 'utf8'))).toEqual({ text: '姓名', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toEqual({ text: '姓名', encoding: 'gb18030' });
    expect(decodeCsv(Buffer.from('\uFEFF姓名', 'utf16le'))).toEqual({ text: '姓名', encoding: 'utf-16le' });
    expect(detectDelimiter('a\tb\tc\n1,2\t3')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(headerNames(['姓名', '', '手机', '手机', ' ', ''])).toEqual(['姓名', '[B]', '手机', '手机 (2)']);
    expect(cellText(new Date(Date.UTC(1990, 4, 6)))).toBe('1990-05-06');
    expect(cellText(new Date(Date.UTC(1990, 4, 6, 8, 30)))).toBe('1990-05-06 08:30:00');
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText('a\u0000b')).toBe('ab');
  });
});
