import { describe, expect, it } from 'vitest';
import { checkRegion, findRegionByName, regionLabel, regionName, regionTree } from './regions.data.js';

describe('regionTree', () => {
  it('nests province → city → district and keeps the municipal placeholder city', () => {
    const tree = regionTree();
    expect(tree).toHaveLength(31);
    const beijing = tree.find((p) => p.code === '11')!;
    expect(beijing.name).toBe('北京市');
    expect(beijing.children?.map((c) => `${c.code}${c.name}`)).toEqual(['1101市辖区']);
    expect(beijing.children?.[0].children?.find((d) => d.code === '110105')?.name).toBe('朝阳区');
    const shenzhen = tree.find((p) => p.code === '44')!.children!.find((c) => c.code === '4403')!;
    expect(shenzhen.children?.find((d) => d.code === '440305')).toEqual({ code: '440305', name: '南山区' });
  });

  it('is loaded once', () => {
    expect(regionTree()).toBe(regionTree());
  });
});

describe('regionName', () => {
  it.each([
    ['44', '广东省'],
    ['4403', '深圳市'],
    ['440305', '南山区'],
    ['1101', '市辖区'],
    ['999999', null],
    ['', null],
  ])('%s → %s', (code, name) => {
    expect(regionName(code)).toBe(name);
  });
});

describe('checkRegion', () => {
  it.each([
    [{ provinceCode: '44', cityCode: '4403', districtCode: '440305' }, '广东省 深圳市 南山区'],
    [{ provinceCode: '11', cityCode: '1101', districtCode: '110105' }, '北京市 朝阳区'],
    [{ provinceCode: '50', cityCode: '5002', districtCode: '500229' }, '重庆市 城口县'],
    [{ provinceCode: '44', cityCode: '4419', districtCode: '441900' }, '广东省 东莞市'],
    [{ provinceCode: '44', cityCode: '4403' }, '广东省 深圳市'],
    [{ provinceCode: '44', cityCode: null, districtCode: null }, '广东省'],
    [{}, ''],
    [{ provinceCode: '', cityCode: '', districtCode: '' }, ''],
  ])('accepts %j as %s', (input, label) => {
    expect(checkRegion(input)).toEqual({ ok: true, label });
  });

  it.each([
    [{ provinceCode: '99' }, 'unknown_province'],
    [{ provinceCode: '4403' }, 'unknown_province'], // a city code in the province slot
    [{ provinceCode: '44', cityCode: '4499' }, 'unknown_city'],
    [{ provinceCode: '44', cityCode: '440305' }, 'unknown_city'],
    [{ provinceCode: '44', cityCode: '4403', districtCode: '440399' }, 'unknown_district'],
    [{ provinceCode: '44', cityCode: '1101' }, 'mismatch'],
    [{ provinceCode: '44', cityCode: '4403', districtCode: '440106' }, 'mismatch'], // 天河区 is in 广州
    [{ cityCode: '4403' }, 'mismatch'],
    [{ provinceCode: '44', districtCode: '440305' }, 'mismatch'],
  ])('refuses %j with %s', (input, code) => {
    expect(checkRegion(input)).toEqual({ ok: false, code });
  });
});

describe('regionLabel', () => {
  it.each([
    [{ provinceCode: '44', cityCode: '4403', districtCode: '440305' }, '广东省 深圳市 南山区'],
    [{ provinceCode: '11', cityCode: '1101', districtCode: '110105' }, '北京市 朝阳区'],
    [{ provinceCode: '11', cityCode: '1101', districtCode: null }, '北京市'],
    [{ provinceCode: '44', cityCode: '4499', districtCode: null }, '广东省'], // a code retired from the list
    [{ provinceCode: null, cityCode: null, districtCode: null }, null],
    [{ provinceCode: '99' }, null],
  ])('labels %j as %s', (input, label) => {
    expect(regionLabel(input)).toBe(label);
  });
});

describe('findRegionByName', () => {
  const codes = (provinceCode: string, cityCode: string | null = null, districtCode: string | null = null) => ({ provinceCode, cityCode, districtCode });

  it.each([
    ['广东省深圳市南山区', codes('44', '4403', '440305')],
    ['广东 深圳 南山', codes('44', '4403', '440305')],
    ['广东/深圳/南山区', codes('44', '4403', '440305')],
    ['深圳南山', codes('44', '4403', '440305')],
    ['北京市朝阳区', codes('11', '1101', '110105')],
    ['北京 朝阳', codes('11', '1101', '110105')],
    ['上海市黄浦区人民大道200号', codes('31', '3101', '310101')],
    ['上海浦东', codes('31', '3101', '310115')],
    ['广东省', codes('44')],
    ['北京', codes('11')],
    ['广西南宁', codes('45', '4501')],
    ['内蒙古自治区呼和浩特市', codes('15', '1501')],
    ['新疆乌鲁木齐', codes('65', '6501')],
    ['延边朝鲜族自治州延吉市', codes('22', '2224', '222401')],
    ['延边', codes('22', '2224')],
    ['吉林省吉林市', codes('22', '2202')],
    ['吉林市昌邑区', codes('22', '2202', '220202')],
    ['吉林', codes('22')], // the province and its city 吉林市: keep what both readings agree on
    ['河南', codes('41')], // not 河南蒙古族自治县 in Qinghai
    ['南京鼓楼', codes('32', '3201', '320106')],
    ['广东东莞', codes('44', '4419', '441900')],
    ['湖北仙桃', codes('42', '4290', '429004')],
    ['重庆城口', codes('50', '5002', '500229')],
    ['　广东省\u200B深圳市 ', codes('44', '4403')],
  ])('reads %s', (text, expected) => {
    expect(findRegionByName(text)).toEqual(expected);
  });

  it.each([
    '朝阳区', // Beijing and Changchun
    '南山区', // Shenzhen and Hegang
    '江苏鼓楼区', // Nanjing and Xuzhou
    'abc',
    '',
    '   ',
  ])('returns null for %j', (text) => {
    expect(findRegionByName(text)).toBeNull();
  });
});
