import { describe, expect, it } from 'vitest';
import { type CustomerTokenInput, customerSearchTokens, searchQueryAlternatives } from './search-tokens.js';

/** What the SQL does: some alternative fully contained, plus the name substring re-check. */
function finds(customer: CustomerTokenInput, q: string): boolean {
  const tokens = new Set(customerSearchTokens(customer));
  const { alternatives, nameContains } = searchQueryAlternatives(q);
  const nameOk = !nameContains || customer.name.toLowerCase().replace(/ /g, '').includes(nameContains);
  return alternatives.some((alt) => alt.every((t) => tokens.has(t)) && (!alt.every((t) => t.startsWith('n:')) || nameOk));
}

const zhangWei: CustomerTokenInput = { name: '张伟' };

describe('customerSearchTokens', () => {
  it('indexes characters, bigrams, pinyin prefixes and initials of a Chinese name', () => {
    const tokens = customerSearchTokens(zhangWei);
    expect(tokens).toEqual(expect.arrayContaining(['n:张', 'n:伟', 'n:张伟', 'py:z', 'py:zh', 'py:zhang', 'py:zhangwei', 'py:we', 'py:wei', 'in:z', 'in:zw']));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).not.toContain('py:w'); // later-syllable prefixes start at two letters
  });

  it('reads a surname as a surname', () => {
    expect(customerSearchTokens({ name: '曾小贤' })).toEqual(expect.arrayContaining(['py:zengxiaoxian', 'in:zxx', 'py:xiaoxian', 'py:xian']));
    expect(customerSearchTokens({ name: '单田芳' })).toContain('py:shantianfang');
    expect(customerSearchTokens({ name: '吕布' })).toContain('py:lvbu');
  });

  it('treats a CJK Extension B character as one character', () => {
    const tokens = customerSearchTokens({ name: '𠮷野家' });
    expect(tokens).toEqual(expect.arrayContaining(['n:𠮷', 'n:𠮷野', 'n:野家']));
    expect(tokens.every((t) => t.isWellFormed())).toBe(true);
  });

  it('indexes phones, landline local numbers, e-mail, credit code and WeChat ID', () => {
    const tokens = customerSearchTokens({
      name: 'x',
      phones: ['13812345678', '010-62345678'],
      email: 'Zhang.Wei@Example.com',
      creditCode: '91350100m000100y43',
      wechat: 'Zhang_Wei88',
    });
    expect(tokens).toEqual(
      expect.arrayContaining([
        'ph:13812345678',
        'p4:5678',
        'ph:01062345678',
        'ph:62345678',
        'em:zhang.wei@example.com',
        'em:zhang.wei',
        'cc:91350100M000100Y43',
        'wx:zhang_wei88',
      ]),
    );
  });

  it('indexes latin words of a latin name and of the English name, but no pinyin for them', () => {
    const tokens = customerSearchTokens({ name: "Seán O'Brien", nameEn: 'Acme Trading Co.' });
    expect(tokens).toEqual(expect.arrayContaining(['en:s', 'en:sean', 'en:obrien', 'en:brien', 'en:acme', 'en:trading', 'en:co']));
    expect(tokens.some((t) => t.startsWith('py:') || t.startsWith('in:'))).toBe(false);
  });

  it('starts no later-syllable pinyin or initials inside a leading place name or a trailing legal form', () => {
    const tokens = customerSearchTokens({ name: '深圳市众星物流有限公司' });
    expect(tokens).toEqual(expect.arrayContaining(['py:shenzhenshi', 'in:szszx', 'py:zhongxing', 'py:wuliuyou', 'in:zxwl', 'in:wly', 'n:公司']));
    for (const t of ['py:zhenshi', 'py:shizhong', 'in:zs', 'py:youxian', 'py:gongsi', 'py:liuyouxian', 'in:yx', 'in:gs', 'in:lyx']) expect(tokens, t).not.toContain(t);
    expect(customerSearchTokens({ name: '广东省深圳市华腾科技集团股份有限公司' })).toEqual(
      expect.arrayContaining(['py:huatengkeji', 'py:kejiji', 'in:htkjj']),
    );
    const group = customerSearchTokens({ name: '广东省深圳市华腾科技集团股份有限公司' });
    for (const t of ['py:dongsheng', 'py:shenzhenshi', 'py:shihua', 'py:tuangu', 'py:gufen', 'py:youxian', 'py:gongsi', 'in:dss', 'in:szs', 'in:gf', 'in:yx', 'in:gs']) {
      expect(group, t).not.toContain(t);
    }
    // a person's name that starts like a place, nothing but a place, or nothing but a legal form:
    // every later syllable still starts tokens
    expect(customerSearchTokens({ name: '高明亮' })).toEqual(expect.arrayContaining(['py:mingliang', 'py:liang', 'in:ml']));
    expect(customerSearchTokens({ name: '广东省深圳市' })).toEqual(expect.arrayContaining(['py:zhenshi', 'py:shi']));
    expect(customerSearchTokens({ name: '股份有限公司' })).toEqual(expect.arrayContaining(['py:gongsi', 'in:xgs']));
  });

  it('keeps a typical organization under 150 tokens', () => {
    const tokens = customerSearchTokens({ name: '南京市远众医疗器械有限公司', phones: ['025-86013388'], email: 'sales@yz.cn', creditCode: '91320100M000100Y43' });
    expect(tokens.length).toBeLessThan(150);
  });

  it('stays bounded for a long organization name', () => {
    const name = '北京字节跳动网络技术有限公司上海分公司第二研发中心人工智能实验室产品运营部华东区销售团队';
    expect([...name].length).toBe(44);
    const tokens = customerSearchTokens({ name: name.slice(0, 40), nameEn: 'Beijing ByteDance Network Technology Co Ltd' });
    expect(tokens.length).toBeLessThan(400);
    expect(tokens.filter((t) => t.startsWith('py:')).every((t) => t.length <= 3 + 24)).toBe(true);
  });
});

describe('searchQueryAlternatives', () => {
  it.each([
    ['', []],
    ['  \u200B ', []],
    ['5678', [['p4:5678']]],
    ['138 1234 5678', [['ph:13812345678']]],
    ['+86 138-1234-5678', [['ph:13812345678']]],
    ['0086 13812345678', [['ph:13812345678']]],
    ['62345678', [['ph:62345678']]],
    ['(010) 6234-5678', [['ph:01062345678']]],
    ['+86 10 6234 5678', [['ph:01062345678']]],
    ['１３８１２３４５６７８', [['ph:13812345678']]],
    ['Zhang.Wei@Example.COM', [['em:zhang.wei@example.com']]],
    ['zhang.wei@', [['em:zhang.wei']]],
    ['张', [['n:张']]],
  ])('%j → %j', (q, alternatives) => {
    expect(searchQueryAlternatives(q)).toEqual({ alternatives, nameContains: null });
  });

  it('asks for every bigram of Chinese text and a substring re-check', () => {
    expect(searchQueryAlternatives('张 小伟')).toEqual({ alternatives: [['n:张小', 'n:小伟']], nameContains: '张小伟' });
  });

  it('offers pinyin, initials, words, WeChat and e-mail for latin text', () => {
    expect(searchQueryAlternatives('zw').alternatives).toEqual([['py:zw'], ['in:zw'], ['en:zw'], ['wx:zw'], ['em:zw']]);
    expect(searchQueryAlternatives('Zhang Wei').alternatives).toEqual([['py:zhangwei'], ['in:zhangwei'], ['en:zhang', 'en:wei']]);
  });

  it('caps pinyin at 24 letters and skips initials past 10', () => {
    const { alternatives } = searchQueryAlternatives('beijingzijietiaodongkejiyouxiangongsi');
    expect(alternatives[0]).toEqual(['py:beijingzijietiaodongkeji']);
    expect(alternatives.some((a) => a[0].startsWith('in:'))).toBe(false);
  });

  it('searches a credit code and the name alternatives', () => {
    const { alternatives } = searchQueryAlternatives('91350100m000100y43');
    expect(alternatives[0]).toEqual(['cc:91350100M000100Y43']);
    expect(alternatives).toContainEqual(['wx:91350100m000100y43']);
  });
});

describe('finding customers', () => {
  it.each(['张', '伟', '张伟', 'zhangwei', 'zhang', 'zh', 'zw', 'wei', 'we', 'Zhang Wei', 'ZHANGWEI', 'ｚｈａｎｇ', '张\u200B伟', 'zhang\u200Bwei'])(
    '张伟 is found by %j',
    (q) => {
      expect(finds(zhangWei, q)).toBe(true);
    },
  );

  it.each(['李', '伟张', 'li', 'zx', 'w', 'zhangwu'])('张伟 is not found by %j', (q) => {
    expect(finds(zhangWei, q)).toBe(false);
  });

  it('re-checks adjacency when the bigrams are all there', () => {
    const customer = { name: '张伟三伟张' };
    expect(finds(customer, '伟三伟')).toBe(true);
    expect(finds(customer, '张伟张')).toBe(false); // 张伟 and 伟张 are both present, 张伟张 is not
  });

  it('finds an organization by its brand and trade, in pinyin and initials, but not by its legal form', () => {
    const customer = { name: '北京字节跳动网络技术有限公司' };
    for (const q of ['beijing', 'bjzj', 'zijietiao', 'zjtd', 'tiaodong', 'jietiao', 'wangluojishu', 'jishuyou', 'wljs', 'jsy', '字节跳动', '有限公司']) {
      expect(finds(customer, q), q).toBe(true);
    }
    for (const q of ['jingzi', 'gongsi', 'youxian', 'yxgs', 'jishuyouxian']) expect(finds(customer, q), q).toBe(false);
  });

  it('finds 曾小贤 by zeng and 𠮷野家 by 𠮷', () => {
    expect(finds({ name: '曾小贤' }, 'zeng')).toBe(true);
    expect(finds({ name: '曾小贤' }, 'zxx')).toBe(true);
    expect(finds({ name: '曾小贤' }, 'xiaoxian')).toBe(true);
    expect(finds({ name: '𠮷野家' }, '𠮷')).toBe(true);
    expect(finds({ name: '𠮷野家' }, '𠮷野')).toBe(true);
  });

  it('finds by phone, phone suffix and a landline without its area code', () => {
    const customer = { name: '王芳', phones: ['13812345678', '0755-86013388'] };
    for (const q of ['13812345678', '138 1234 5678', '+8613812345678', '5678', '3388', '86013388', '0755-86013388', '+86 755 8601 3388']) {
      expect(finds(customer, q), q).toBe(true);
    }
    for (const q of ['1234', '1381234567', '075586013389']) expect(finds(customer, q), q).toBe(false);
  });

  it('finds by e-mail, credit code, WeChat ID and English name', () => {
    const customer = {
      name: '厦门某某科技有限公司',
      nameEn: "O'Neil Tech",
      email: 'sales@example.cn',
      creditCode: '91350100M000100Y43',
      wechat: 'xm_tech01',
    };
    for (const q of ['sales@example.cn', 'SALES', 'sales@', '91350100m000100y43', '9135 0100 M000 100Y 43', 'xm_tech01', "o'neil", 'oneil', 'neil tech', 'xiamen', 'kejiyou']) {
      expect(finds(customer, q), q).toBe(true);
    }
    for (const q of ['sale@example.cn', '91350100M000100Y44', 'xm_tech02', 'tech neal']) expect(finds(customer, q), q).toBe(false);
  });
});
