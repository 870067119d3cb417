import dns from 'node:dns';
import net from 'node:net';

/**
 * Outbound-request guard (SSRF). A webhook URL is attacker-controlled input: it must not reach
 * the server's own network. Addresses are classified as
 *   - `forbidden`: never a valid destination (unspecified, multicast, reserved, broadcast);
 *   - `private`: loopback, RFC 1918, CGNAT, link-local (incl. cloud metadata 169.254.169.254),
 *     unique-local and site-local IPv6, and IPv6 forms embedding such IPv4 addresses;
 *     allowed only when the installation opts in (KEFU_WEBHOOK_ALLOW_PRIVATE=true, on-premises);
 *   - `public`: everything else.
 */
export type AddressClass = 'public' | 'private' | 'forbidden';

type Range = [base: number, bits: number];
const V4_FORBIDDEN: Range[] = [
  [v4('0.0.0.0'), 8],
  [v4('224.0.0.0'), 4], // multicast
  [v4('240.0.0.0'), 4], // reserved, incl. 255.255.255.255
];
const V4_PRIVATE: Range[] = [
  [v4('10.0.0.0'), 8],
  [v4('100.64.0.0'), 10], // carrier-grade NAT
  [v4('127.0.0.0'), 8],
  [v4('169.254.0.0'), 16], // link-local, cloud metadata
  [v4('172.16.0.0'), 12],
  [v4('192.0.0.0'), 24], // IETF protocol assignments
  [v4('192.0.2.0'), 24], // documentation
  [v4('192.88.99.0'), 24], // 6to4 relay anycast
  [v4('192.168.0.0'), 16],
  [v4('198.18.0.0'), 15], // benchmarking
  [v4('198.51.100.0'), 24], // documentation
  [v4('203.0.113.0'), 24], // documentation
];

function v4(addr: string): number {
  return addr.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inRange(ip: number, [base, bits]: Range): boolean {
  const size = 2 ** (32 - bits);
  return ip >= base && ip < base + size;
}

export function classifyIPv4(addr: string): AddressClass {
  const n = v4(addr);
  if (V4_FORBIDDEN.some((r) => inRange(n, r))) return 'forbidden';
  if (V4_PRIVATE.some((r) => inRange(n, r))) return 'private';
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (handles `::` and a dotted IPv4 tail). */
export function ipv6Groups(addr: string): number[] {
  let a = addr.toLowerCase();
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (tail) {
    const n = v4(tail[1]);
    a = `${a.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = a.split('::');
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const missing = rest === undefined ? 0 : 8 - h.length - r.length;
  return [...h, ...Array(missing).fill('0'), ...r].map((g) => Number.parseInt(g, 16));
}

const groupsToV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

export function classifyIPv6(addr: string): AddressClass {
  const g = ipv6Groups(addr);
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'forbidden'; // ::
  if (zeroUpTo(7) && g[7] === 1) return 'private'; // ::1
  if ((g[0] & 0xff00) === 0xff00) return 'forbidden'; // multicast ff00::/8
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // unique-local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'private'; // link-local fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local fec0::/10 (deprecated)
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d are judged by their IPv4 address.
  if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return classifyIPv4(groupsToV4(g[6], g[7]));
  // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48 translate to the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) return classifyIPv4(groupsToV4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private';
  // 6to4 2002:AABB:CCDD::/48 routes to IPv4 AA.BB.CC.DD.
  if (g[0] === 0x2002) return classifyIPv4(groupsToV4(g[1], g[2]));
  // Teredo 2001:0::/32 hides an IPv4 address; discard-only 100::/64; documentation 2001:db8::/32.
  if (g[0] === 0x2001 && g[1] === 0) return 'private';
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'forbidden';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'private';
  return 'public';
}

/** Classifies an IP address literal; null when `addr` is not an IP address. */
export function classifyAddress(addr: string): AddressClass | null {
  const bare = addr.startsWith('[') && addr.endsWith(']') ? addr.slice(1, -1) : addr;
  const family = net.isIP(bare);
  if (family === 4) return classifyIPv4(bare);
  if (family === 6) return classifyIPv6(bare);
  return null;
}

/** Why a URL was refused; `code` is the localized error code. */
export class UnsafeUrlError extends Error {
  constructor(
    readonly code: 'webhook_url_invalid' | 'webhook_url_credentials' | 'webhook_url_private' | 'webhook_url_unresolvable',
    message: string,
  ) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

const allowed = (c: AddressClass, allowPrivate: boolean) => c === 'public' || (c === 'private' && allowPrivate);

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS says. */
const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Parses and checks a webhook URL without any network access: http(s) only, no credentials,
 * no literal private/loopback address or `localhost` (the WHATWG parser has already turned
 * `http://2130706433` or `http://0x7f.1` into `127.0.0.1`). Delivery checks again after DNS.
 */
export function checkUrlLiteral(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('webhook_url_invalid', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError('webhook_url_invalid', `protocol ${url.protocol}`);
  if (url.username || url.password) throw new UnsafeUrlError('webhook_url_credentials', 'credentials in URL');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) throw new UnsafeUrlError('webhook_url_invalid', 'no host');
  const cls = classifyAddress(host);
  if (cls === 'forbidden' || (cls !== null && !allowed(cls, allowPrivate))) {
    throw new UnsafeUrlError('webhook_url_private', `address ${host} is ${cls}`);
  }
  if (cls === null && isLocalName(host) && !allowPrivate) throw new UnsafeUrlError('webhook_url_private', `${host} is this machine`);
  return url;
}

export type LookupFn = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupFn = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export type VettedTarget = { url: URL; address: string; family: 4 | 6 };

/**
 * Resolves the URL's host once and vets every address it resolves to; the request must then
 * connect to the returned address (never resolving again), so a DNS answer that changes between
 * check and connect (rebinding) cannot steer it to a private address.
 */
export async function resolveSafeTarget(raw: string, opts: { allowPrivate: boolean; lookup?: LookupFn }): Promise<VettedTarget> {
  const url = checkUrlLiteral(raw, opts.allowPrivate);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = net.isIP(host);
  if (literal) return { url, address: host, family: literal as 4 | 6 };
  let answers: { address: string; family: number }[];
  try {
    answers = await (opts.lookup ?? systemLookup)(host);
  } catch {
    throw new UnsafeUrlError('webhook_url_unresolvable', `cannot resolve ${host}`);
  }
  if (answers.length === 0) throw new UnsafeUrlError('webhook_url_unresolvable', `no address for ${host}`);
  // One bad answer refuses the lot: an attacker controls which answer a client would pick.
  for (const a of answers) {
    const cls = classifyAddress(a.address);
    if (cls === null || !allowed(cls, opts.allowPrivate)) {
      throw new UnsafeUrlError('webhook_url_private', `${host} resolves to ${a.address} (${cls ?? 'invalid'})`);
    }
  }
  const first = answers[0];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
