import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhookRequest } from './sender.js';
import { signWebhook, verifyWebhook } from './signer.js';
import { checkUrlLiteral, classifyAddress, resolveSafeTarget, systemLookup, UnsafeUrlError } from './ssrf.js';

const refusedLiteral = (url: string, allowPrivate = false) => {
  try {
    checkUrlLiteral(url, allowPrivate);
    return null;
  } catch (err) {
    return err instanceof UnsafeUrlError ? err.code : 'other';
  }
};

describe('SSRF guard: address classes', () => {
  it('classifies private, loopback, link-local, CGNAT, ULA and their IPv6 disguises', () => {
    const privateOnes = [
      '127.0.0.1', '127.255.255.254', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
      '100.127.255.255', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.1.2.3',
      '::ffff:169.254.169.254', '::127.0.0.1', '64:ff9b::10.0.0.1', '2002:7f00:1::1', '2002:c0a8:101::1',
    ];
    for (const ip of privateOnes) expect(classifyAddress(ip), ip).toBe('private');
    for (const ip of ['0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1', '::', 'ff02::1']) {
      expect(classifyAddress(ip), ip).toBe('forbidden');
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8']) {
      expect(classifyAddress(ip), ip).toBe('public');
    }
    expect(classifyAddress('example.com')).toBeNull();
  });

  it('refuses literal private URLs at creation, including encoded forms', () => {
    for (const url of [
      'http://127.0.0.1/hook',
      'http://localhost:8080/hook',
      'http://api.localhost/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.0.0.1/',
      'http://2130706433/', // decimal 127.0.0.1
      'http://0x7f.0.0.1/', // hex
      'http://0177.0.0.1/', // octal
      'http://127.1/',
      'http://0.0.0.0/',
    ]) {
      expect(refusedLiteral(url), url).toBe('webhook_url_private');
    }
    expect(refusedLiteral('ftp://example.com/')).toBe('webhook_url_invalid');
    expect(refusedLiteral('javascript:alert(1)')).toBe('webhook_url_invalid');
    expect(refusedLiteral('not a url')).toBe('webhook_url_invalid');
    expect(refusedLiteral('https://user:pw@example.com/')).toBe('webhook_url_credentials');
    expect(refusedLiteral('https://hooks.example.com/kefu')).toBeNull();
    // on-premises installations may deliver inside their network, never to 0.0.0.0 or multicast
    expect(refusedLiteral('http://127.0.0.1:9000/', true)).toBeNull();
    expect(refusedLiteral('http://localhost:9000/', true)).toBeNull();
    expect(refusedLiteral('http://0.0.0.0/', true)).toBe('webhook_url_private');
  });

  it('refuses host names that resolve to private addresses, if any answer is private', async () => {
    // the name check refuses localhost outright; through the real resolver it is loopback too
    await expect(resolveSafeTarget('http://localhost./x', { allowPrivate: false })).rejects.toMatchObject({ code: 'webhook_url_private' });
    const viaSystemDns = () => systemLookup('localhost');
    await expect(resolveSafeTarget('http://alias.example/x', { allowPrivate: false, lookup: viaSystemDns })).rejects.toMatchObject({
      code: 'webhook_url_private',
    });
    const fakeDns = (answers: Record<string, string[]>) => async (host: string) =>
      (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const lookup = fakeDns({
      'evil.example': ['93.184.216.34', '127.0.0.1'],
      'meta.example': ['169.254.169.254'],
      'v6.example': ['::ffff:10.0.0.1'],
      'good.example': ['93.184.216.34'],
    });
    for (const host of ['evil.example', 'meta.example', 'v6.example']) {
      await expect(resolveSafeTarget(`https://${host}/`, { allowPrivate: false, lookup }), host).rejects.toMatchObject({ code: 'webhook_url_private' });
    }
    await expect(resolveSafeTarget('https://nowhere.example/', { allowPrivate: false, lookup })).rejects.toMatchObject({ code: 'webhook_url_unresolvable' });
    const ok = await resolveSafeTarget('https://good.example/', { allowPrivate: false, lookup });
    expect(ok.address).toBe('93.184.216.34');
  });
});

describe('webhook sender', () => {
  let server: http.Server;
  let port: number;
  const seen: { host?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer = 200;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ host: req.headers.host, headers: req.headers, body });
        if (answer === 302) res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        else res.writeHead(answer, { 'content-type': 'text/plain' }).end(`status ${answer}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('connects to the vetted address, never resolving the name again (DNS rebinding)', async () => {
    let lookups = 0;
    // First answer vetted, later answers would point elsewhere: only the first is ever used.
    const rebinding = async () => {
      lookups++;
      return [{ address: lookups === 1 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    };
    const r = await sendWebhookRequest({ url: `http://hooks.example:${port}/in?x=1`, body: '{"a":1}', headers: { 'x-test': 'yes' }, allowPrivate: true, lookup: rebinding });
    expect(r).toMatchObject({ ok: true, status: 200, refused: false });
    expect(lookups).toBe(1);
    const last = seen.at(-1)!;
    expect(last.host).toBe(`hooks.example:${port}`);
    expect(last.headers['x-test']).toBe('yes');
    expect(last.body).toBe('{"a":1}');
  });

  it('refuses a private destination unless allowed, without sending anything', async () => {
    const before = seen.length;
    const r = await sendWebhookRequest({ url: `http://127.0.0.1:${port}/`, body: '{}', headers: {}, allowPrivate: false });
    expect(r).toMatchObject({ ok: false, refused: true, status: null });
    const rebound = await sendWebhookRequest({
      url: `http://public.example:${port}/`,
      body: '{}',
      headers: {},
      allowPrivate: false,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(rebound).toMatchObject({ ok: false, refused: true });
    expect(seen.length).toBe(before);
  });

  it('does not follow redirects and reports errors and timeouts', async () => {
    answer = 302;
    const r = await sendWebhookRequest({ url: `http://127.0.0.1:${port}/`, body: '{}', headers: {}, allowPrivate: true });
    expect(r.ok).toBe(false);
    expect(r.status).toBe(302);
    expect(r.error).toContain('not followed');
    answer = 500;
    const e = await sendWebhookRequest({ url: `http://127.0.0.1:${port}/`, body: '{}', headers: {}, allowPrivate: true });
    expect(e).toMatchObject({ ok: false, status: 500, error: 'HTTP 500', excerpt: 'status 500' });
    answer = 200;
    const silent = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
    const t = await sendWebhookRequest({
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      body: '{}',
      headers: {},
      allowPrivate: true,
      timeoutMs: 200,
    });
    silent.closeAllConnections();
    await new Promise<void>((res) => silent.close(() => res()));
    expect(t.ok).toBe(false);
    expect(t.error).toContain('timeout');
    const refused = await sendWebhookRequest({ url: 'http://127.0.0.1:1/', body: '{}', headers: {}, allowPrivate: true });
    expect(refused).toMatchObject({ ok: false, status: null, refused: false });
  });
});

describe('webhook signatures', () => {
  it('verifies with the secret over timestamp and raw body, and rejects tampering and stale timestamps', () => {
    const secret = 'whsec_test';
    const body = '{"id":"1","event":"ping","data":{}}';
    const ts = Math.floor(Date.now() / 1000);
    const sig = signWebhook(secret, ts, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, body)).toBe(true);
    expect(verifyWebhook('whsec_other', { signature: sig, timestamp: String(ts) }, body)).toBe(false);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, body.replace('ping', 'pong'))).toBe(false);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts + 1) }, body)).toBe(false);
    const old = ts - 3600;
    expect(verifyWebhook(secret, { signature: signWebhook(secret, old, body), timestamp: String(old) }, body)).toBe(false);
    expect(verifyWebhook(secret, { signature: undefined, timestamp: String(ts) }, body)).toBe(false);
  });
});
