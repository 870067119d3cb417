import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskField, maskIdNumber, maskPhone } from './masking.js';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['18600001111', '186****1111'],
    ['+86 139 1234 0001', '139****0001'],
    ['008615012345678', '150****5678'],
    ['１３８１２３４５６７８', '138****5678'],
  ])('mobile %s → %s', (input, out) => expect(maskPhone(input)).toBe(out));

  it.each([
    ['010-62345678', '010-******78'],
    ['021-62345678', '021-******78'],
    ['0755-86013388', '0755-******88'],
    ['0571 8888 6666', '0571-******66'],
    ['01062345678', '010-******78'],
    ['075586013388', '0755-******88'],
  ])('landline %s keeps the area code and last two digits → %s', (input, out) => expect(maskPhone(input)).toBe(out));

  it('never returns the full number of an unusual format', () => {
    expect(maskPhone('4008208820')).toBe('400*****20');
    expect(maskPhone('95588')).toBe('***88');
    expect(maskPhone('')).toBe('****');
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['110101199003071234', '110101********1234'],
    ['44030519851231002X', '440305********002X'],
    ['44030519851231002x', '440305********002X'],
    ['110101900307123', '110101******123'],
    ['E12345678', 'E1*****78'],
  ])('%s → %s', (input, out) => expect(maskIdNumber(input)).toBe(out));

  it('hides the birth date of an 18-digit number', () => {
    expect(maskIdNumber('110101199003071234')).not.toContain('19900307');
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhangwei@example.com', 'z***@example.com'],
    ['li.na@kefu.com.cn', 'l***@kefu.com.cn'],
    ['a@qq.com', 'a***@qq.com'],
    ['王芳@例子.中国', '王***@例子.中国'],
  ])('%s → %s', (input, out) => expect(maskEmail(input)).toBe(out));

  it('does not reveal the local part length', () => {
    expect(maskEmail('x@163.com')).toBe(maskEmail('xyzzy@163.com'));
  });
});

describe('maskAddress', () => {
  it.each([
    ['广东省深圳市南山区科技园科苑路15号', '广东省深圳市****'],
    ['浙江省杭州市西湖区文三路90号东部软件园', '浙江省杭州市****'],
    ['北京市海淀区中关村大街27号', '北京市海淀区****'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新区****'],
    ['重庆渝中区解放碑步行街8号', '重庆市渝中区****'],
    ['新疆维吾尔自治区乌鲁木齐市天山区人民路1号', '新疆维吾尔自治区乌鲁木齐市****'],
    ['湖北省恩施土家族苗族自治州恩施市舞阳大道', '湖北省恩施土家族苗族自治州****'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市', '内蒙古自治区锡林郭勒盟****'],
    ['深圳市福田区深南大道6008号', '深圳市****'],
    ['香港特别行政区九龙尖沙咀弥敦道', '香港特别行政区****'],
    ['广东省 广州市 天河区 体育西路 191 号', '广东省广州市****'],
  ])('%s → %s', (input, out) => expect(maskAddress(input)).toBe(out));

  it('hides an address whose region is not recognized', () => {
    expect(maskAddress('科苑路15号3栋501')).toBe('****');
    expect(maskAddress('1600 Amphitheatre Parkway')).toBe('****');
  });
});

describe('maskField', () => {
  it('dispatches by field', () => {
    expect(maskField('phone', '13812345678')).toBe('138****5678');
    expect(maskField('id_number', '110101199003071234')).toBe('110101********1234');
    expect(maskField('email', 'zhangwei@example.com')).toBe('z***@example.com');
    expect(maskField('address', '江苏省南京市鼓楼区中山路1号')).toBe('江苏省南京市****');
  });
});
