import { describe, expect, it } from 'vitest';
import { cleanText, validateOrgName, validatePersonName } from './text-clean.js';

describe('cleanText', () => {
  it.each([
    ['  张伟  ', '张伟'],
    ['ＡＢＣ　公司', 'ABC 公司'], // full-width letters and U+3000
    ['１３８', '138'],
    ['张\u200B伟', '张伟'],
    ['\uFEFF张伟\u200D', '张伟'],
    ['a\u00ADb', 'ab'],
    ['\u202Eabc\u202C', 'abc'],
    ['\u2066abc\u2069', 'abc'],
    ['a\u2060b', 'ab'],
    ['a\t\tb\r\nc', 'a b c'],
    ['a\u00A0\u3000 b', 'a b'],
    ['', ''],
    ['\u200B \u3000', ''],
  ])('cleans %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('validatePersonName', () => {
  it.each([
    ['张伟', '张伟'],
    ['阿卜杜拉·艾山', '阿卜杜拉·艾山'],
    ['John Smith', 'John Smith'],
    ["O'Brien", "O'Brien"],
    ['𠮷田', '𠮷田'],
    ['张\u200B\u200B伟', '张伟'],
    ['Ｊｏｈｎ　Ｓｍｉｔｈ', 'John Smith'],
    ['  李\u3000娜 ', '李 娜'],
    ['José Müller', 'José Müller'],
  ])('accepts %j', (input, value) => {
    expect(validatePersonName(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200B\u3000', 'empty'],
    ['张伟😀', 'emoji'],
    ['❤️小美', 'emoji'],
    ['🇨🇳王芳', 'emoji'],
    ['1️⃣号', 'emoji'],
    ['张伟👍🏽', 'emoji'],
    ['a\u0000b', 'control'],
    ['a\u001Bb', 'control'],
    ['a\u007Fb', 'control'],
    ['a\u0085b', 'control'],
  ])('refuses %j with %s', (input, code) => {
    expect(validatePersonName(input)).toEqual({ ok: false, code });
  });

  it('counts code points, so 64 surrogate pairs fit and 65 characters do not', () => {
    expect(validatePersonName('𠮷'.repeat(64))).toEqual({ ok: true, value: '𠮷'.repeat(64) });
    expect(validatePersonName('张'.repeat(65))).toEqual({ ok: false, code: 'too_long' });
  });
});

describe('validateOrgName', () => {
  it('allows 128 code points and refuses 129', () => {
    expect(validateOrgName('公'.repeat(128)).ok).toBe(true);
    expect(validateOrgName('公'.repeat(129))).toEqual({ ok: false, code: 'too_long' });
  });

  it('cleans and checks like a person name', () => {
    expect(validateOrgName('ＡＢＢ（中国）有限公司')).toEqual({ ok: true, value: 'ABB(中国)有限公司' });
    expect(validateOrgName('好公司🏢')).toEqual({ ok: false, code: 'emoji' });
  });
});
