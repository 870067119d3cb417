import type { Kysely } from 'kysely';
import type { DB } from '../src/server/platform/db-schema.js';
import { uuidv7 } from '../src/server/platform/ids.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国建华志强海燕红梅玉兰丹萍鹏辉玲斌宇浩凯';

/** A deterministic pseudo-random generator so every run generates the same data. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chineseName(r: () => number): string {
  const given = Array.from({ length: r() < 0.6 ? 2 : 1 }, () => GIVEN[Math.floor(r() * GIVEN.length)]).join('');
  return SURNAMES[Math.floor(r() * SURNAMES.length)] + given;
}

export function mobile(r: () => number): string {
  const prefixes = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '186', '187', '188', '177', '199'];
  return prefixes[Math.floor(r() * prefixes.length)] + String(Math.floor(r() * 1e8)).padStart(8, '0');
}

/** Inserts `count` staff users into one department, in batches. Returns their ids. */
export async function generateUsers(db: Kysely<DB>, orgId: string, departmentId: string, count: number, onProgress?: (done: number) => void): Promise<string[]> {
  const r = rng(7);
  const ids: string[] = [];
  const batch = 1000;
  for (let i = 0; i < count; i += batch) {
    const rows = Array.from({ length: Math.min(batch, count - i) }, (_, k) => {
      const id = uuidv7();
      ids.push(id);
      return {
        org_id: orgId,
        id,
        username: `agent${String(i + k).padStart(7, '0')}`,
        display_name: chineseName(r),
        phone: `+86${mobile(r)}`,
        department_id: departmentId,
        skills: JSON.stringify([]),
        password_hash: null,
      };
    });
    await db.insertInto('users').values(rows).execute();
    onProgress?.(Math.min(i + batch, count));
  }
  return ids;
}
