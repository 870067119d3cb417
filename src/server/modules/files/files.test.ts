import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../testing/harness.js';
import { createUser } from '../auth/auth.fixtures.js';
import { uuidv7 } from '../../platform/ids.js';
import { contentDisposition, safeFilename } from '../../platform/files.js';

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-files-test-'));
process.env.KEFU_FILES_DIR = filesDir;
const LIMIT = 64 * 1024;

let t: TestApp;
let admin: ReturnType<typeof as>;
let agent: ReturnType<typeof as>;
let outsider: ReturnType<typeof as>;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A minimal stored (uncompressed) zip, enough to be a real zip container. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function wav(): Buffer {
  const b = Buffer.alloc(44 + 800);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + 800, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(800, 40);
  return b;
}

function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----kefu' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (who: ReturnType<typeof as>, filename: string, content: Buffer, contentType?: string) => {
  const m = multipart(filename, content, contentType);
  return who({ method: 'POST', url: '/api/v1/files', payload: m.payload, headers: m.headers });
};

beforeAll(async () => {
  t = await createTestApp({ uploadLimit: LIMIT });
  admin = as(t.app, t.adminCookie);
  await createUser(t.kefu.db, t.orgId, { username: 'agent-files', password: 'Agent-Pass-2026', roleCode: 'agent_files', permissions: ['files.upload'] });
  const login = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });
    const c = res.cookies.find((x) => x.name === 'kefu_session');
    if (!c) throw new Error(`login failed ${res.statusCode} ${res.body}`);
    return `kefu_session=${c.value}`;
  };
  agent = as(t.app, await login({ username: 'agent-files', password: 'Agent-Pass-2026' }));
  // a second organization with its own administrator
  const otherOrg = uuidv7();
  await t.kefu.db.insertInto('orgs').values({ id: otherOrg, name: '另一家公司', settings: JSON.stringify({}) }).execute();
  await t.kefu.db.insertInto('audit_heads').values({ org_id: otherOrg }).execute();
  await createUser(t.kefu.db, otherOrg, { username: 'other-admin', password: 'Other-Pass-2026', roleCode: 'other_admin', permissions: ['files.upload', 'files.manage'] });
  outsider = as(t.app, await login({ username: 'other-admin', password: 'Other-Pass-2026', orgId: otherOrg }));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('file upload', () => {
  it('stores a PNG under a server key with its hash, audited', async () => {
    const res = await upload(agent, 'screenshot.png', PNG, 'image/png');
    expect(res.statusCode).toBe(201);
    const f = res.json();
    expect(f).toMatchObject({ filename: 'screenshot.png', contentType: 'image/png', size: PNG.length, contentUrl: `/api/v1/files/${f.id}/content` });
    expect(f.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const row = await t.kefu.db.selectFrom('files').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(row.storage_key).toMatch(/^[0-9a-f-]{36}$/);
    const onDisk = path.join(filesDir, row.storage_key.slice(0, 2), row.storage_key.slice(2, 4), row.storage_key);
    expect(fs.readFileSync(onDisk).equals(PNG)).toBe(true);
    const audit = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'file.upload').where('entity_id', '=', f.id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ filename: 'screenshot.png', sha256: f.sha256 });
  });

  it('never lets the client filename reach the storage path', async () => {
    const res = await upload(agent, '../../etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/bash\n'));
    expect(res.statusCode).toBe(201);
    const f = res.json();
    expect(f.filename).toBe('passwd');
    expect(f.contentType).toBe('text/plain; charset=utf-8');
    const row = await t.kefu.db.selectFrom('files').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(row.storage_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // nothing was written beside the storage root
    expect(fs.existsSync(path.join(filesDir, '..', 'etc'))).toBe(false);
    expect(fs.existsSync(path.join(filesDir, '..', 'passwd'))).toBe(false);
    expect(fs.readdirSync(filesDir).every((d) => /^[0-9a-f]{2}$/.test(d) || d === 'tmp')).toBe(true);
    expect(safeFilename('..\\..\\windows\\system32\\cmd.exe')).toBe('cmd.exe');
    expect(safeFilename('..')).toBe('file');
    expect(safeFilename('a\u202Egnp.exe')).toBe('agnp.exe');
  });

  it('refuses a .png that is really HTML with 415 and a clear message', async () => {
    const res = await upload(agent, 'cat.png', Buffer.from('<html><script>alert(document.cookie)</script></html>'), 'image/png');
    expect(res.statusCode).toBe(415);
    const err = res.json().error;
    expect(err.code).toBe('file_type_mismatch');
    expect(err.details).toMatchObject({ declared: 'png', detected: 'text' });
    expect(err.message).toContain('.png');
  });

  it('refuses content of one allowed type named as another', async () => {
    const res = await upload(agent, 'contract.docx', PNG);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.details).toMatchObject({ declared: 'docx', detected: 'image/png' });
    // the declared part type must fit too
    const declared = await upload(agent, 'real.png', PNG, 'text/html');
    expect(declared.statusCode).toBe(415);
    expect(declared.json().error.details.declaredType).toBe('text/html');
  });

  it('refuses types outside the allowlist', async () => {
    for (const name of ['setup.exe', 'logo.svg', 'page.html']) {
      const res = await upload(agent, name, Buffer.from('MZ whatever'));
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('file_type_not_allowed');
      expect(res.json().error.message).toContain('png');
    }
  });

  it('answers 413 above the upload limit and keeps nothing', async () => {
    const before = await t.kefu.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await upload(agent, 'big.txt', Buffer.alloc(LIMIT + 10, 'a'));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('file_too_large');
    expect(res.json().error.message).toContain('0.1 MB');
    const after = await t.kefu.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(fs.existsSync(path.join(filesDir, 'tmp')) ? fs.readdirSync(path.join(filesDir, 'tmp')) : []).toEqual([]);
  });

  it('accepts office files as zip containers, audio, email and UTF-8 text; refuses GBK text', async () => {
    const docx = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const d = await upload(agent, '服务合同.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(d.statusCode).toBe(201);
    expect(d.json().contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const w = await upload(agent, 'call-0001.wav', wav(), 'audio/x-wav');
    expect(w.statusCode).toBe(201);
    expect(w.json().contentType).toBe('audio/wav');
    const eml = await upload(agent, 'complaint.eml', Buffer.from('From: 张三 <zhang@example.com>\r\nSubject: 投诉\r\n\r\n产品有问题\r\n'), 'message/rfc822');
    expect(eml.statusCode).toBe(201);
    const notEml = await upload(agent, 'fake.eml', Buffer.from('just words, no headers'));
    expect(notEml.statusCode).toBe(415);
    const gbk = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x0a]); // "客户,电话" in GBK
    const g = await upload(agent, 'customers.csv', gbk, 'text/csv');
    expect(g.statusCode).toBe(415);
    expect(g.json().error.code).toBe('file_text_encoding');
    expect(g.json().error.message).toContain('UTF-8');
    const nul = await upload(agent, 'x.txt', Buffer.from('a\u0000b'));
    expect(nul.statusCode).toBe(415);
    const empty = await upload(agent, 'empty.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('file_empty');
  });

  it('refuses requests that are not a multipart upload, and callers without files.upload', async () => {
    const json = await agent({ method: 'POST', url: '/api/v1/files', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('file_multipart_required');
    const boundary = 'b0undary';
    const noFile = await agent({
      method: 'POST',
      url: '/api/v1/files',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('file_missing');
    const anonymous = multipart('a.png', PNG);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/files', payload: anonymous.payload, headers: anonymous.headers })).statusCode).toBe(401);
  });
});

describe('file download and delete', () => {
  it('round-trips a Chinese filename with safe headers', async () => {
    const name = '客户投诉记录 2026年(第1季度).csv';
    const content = Buffer.from('\uFEFF客户,电话\n张三,13800138000\n', 'utf8');
    const up = await upload(agent, name, content, 'text/csv');
    expect(up.statusCode).toBe(201);
    const id = up.json().id;
    expect(up.json().filename).toBe(name);
    const meta = await admin({ method: 'GET', url: `/api/v1/files/${id}` });
    expect(meta.statusCode).toBe(200);
    expect(meta.json().filename).toBe(name);
    const res = await admin({ method: 'GET', url: `/api/v1/files/${id}/content` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(content)).toBe(true);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe('sandbox');
    const cd = String(res.headers['content-disposition']);
    expect(cd.startsWith('attachment;')).toBe(true);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(cd)![1];
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(encoded).not.toMatch(/[()' ]/);
    expect(/filename="([^"]*)"/.exec(cd)![1]).toMatch(/^[\x20-\x7e]+$/);
    expect(contentDisposition('a"b\\c.txt')).toContain('filename="a_b_c.txt"');
  });

  it('hides another organization’s files (404 everywhere)', async () => {
    const id = (await upload(agent, 'private.png', PNG)).json().id;
    expect((await outsider({ method: 'GET', url: `/api/v1/files/${id}` })).statusCode).toBe(404);
    expect((await outsider({ method: 'GET', url: `/api/v1/files/${id}/content` })).statusCode).toBe(404);
    expect((await outsider({ method: 'DELETE', url: `/api/v1/files/${id}` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: `/api/v1/files/${id}` })).statusCode).toBe(200);
  });

  it('soft deletes: the uploader or files.manage, audited, then 404', async () => {
    const mine = (await upload(admin, 'admin-upload.png', PNG)).json().id;
    expect((await agent({ method: 'DELETE', url: `/api/v1/files/${mine}` })).statusCode).toBe(403);
    const own = (await upload(agent, 'agent-upload.png', PNG)).json().id;
    expect((await agent({ method: 'DELETE', url: `/api/v1/files/${own}` })).statusCode).toBe(204);
    expect((await admin({ method: 'DELETE', url: `/api/v1/files/${mine}` })).statusCode).toBe(204);
    expect((await admin({ method: 'GET', url: `/api/v1/files/${own}` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: `/api/v1/files/${own}/content` })).statusCode).toBe(404);
    expect((await admin({ method: 'DELETE', url: `/api/v1/files/${own}` })).statusCode).toBe(404);
    const row = await t.kefu.db.selectFrom('files').selectAll().where('id', '=', own).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const audit = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'file.delete').where('entity_id', '=', own).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ filename: 'agent-upload.png' });
  });

  it('purges the bytes of files deleted longer ago than the recycle period', async () => {
    const id = (await upload(agent, 'old.png', PNG)).json().id;
    await agent({ method: 'DELETE', url: `/api/v1/files/${id}` });
    const row = await t.kefu.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const onDisk = path.join(filesDir, row.storage_key.slice(0, 2), row.storage_key.slice(2, 4), row.storage_key);
    expect(fs.existsSync(onDisk)).toBe(true);
    await t.kefu.db.updateTable('files').set({ deleted_at: new Date(Date.now() - 31 * 86_400_000) }).where('id', '=', id).execute();
    await t.kefu.db.updateTable('job_schedules').set({ next_run_at: new Date(Date.now() - 1000) }).where('name', '=', 'files.purge').execute();
    await t.kefu.jobs.drain();
    expect(fs.existsSync(onDisk)).toBe(false);
    expect(await t.kefu.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});
