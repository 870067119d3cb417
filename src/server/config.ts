import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** All runtime configuration, read once from the environment. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  KEFU_DATA_DIR: z.string().default('data'),
  KEFU_ADMIN_PASSWORD: z.string().optional(),
  KEFU_SECRET: z.string().min(16).optional(),
  KEFU_BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  KEFU_UPLOAD_LIMIT: z.coerce.number().int().positive().default(20 * 1_048_576),
  KEFU_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  KEFU_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  KEFU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEFU_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  KEFU_NODE_ID: z.string().optional(),
  // Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed (comma-separated IPs or CIDRs).
  KEFU_TRUST_PROXY: z.string().optional(),
  // Where customers reach Kefu (links in mail, e.g. the portal's sign-in link); default http://HOST:PORT.
  KEFU_PUBLIC_URL: z.string().url().optional(),
  // Mail (§5.2): inbound SMTP listener (off unless a port is set), outbound relay, support addresses.
  KEFU_SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  KEFU_SMTP_LISTEN_HOST: z.string().default('127.0.0.1'),
  KEFU_SMTP_LISTEN_USER: z.string().optional(),
  KEFU_SMTP_LISTEN_PASSWORD: z.string().optional(),
  KEFU_SMTP_URL: z.string().url().optional(),
  KEFU_MAIL_FROM: z.string().optional(),
  KEFU_MAIL_ADDRESSES: z.string().optional(),
  KEFU_MAIL_MAX_BYTES: z.coerce.number().int().positive().default(25 * 1_048_576),
  // Messaging channels: the secret of the reference `test` adapter (registered only when set).
  KEFU_CHANNEL_TEST_SECRET: z.string().min(16).optional(),
  KEFU_CHANNEL_TEST_OUTBOUND_URL: z.string().url().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  secret?: string;
  bodyLimit: number;
  uploadLimit: number;
  rateLimitPerMinute: number;
  secureCookies: 'auto' | 'true' | 'false';
  logLevel: string;
  webhookAllowPrivate: boolean;
  nodeId: string;
  /** Proxies trusted for X-Forwarded-*: false, or a list of addresses/CIDRs. */
  trustProxy: false | string[];
  /** Base of absolute links Kefu mails (no trailing slash). Never taken from a request's Host header. */
  publicUrl: string;
  /** Inbound SMTP: listening port (undefined = no listener), host, optional AUTH credentials. */
  smtpListenPort?: number;
  smtpListenHost: string;
  smtpListenUser?: string;
  smtpListenPassword?: string;
  /** Outbound relay, `smtp://user:pass@host:port` (or smtps://); unset = replies are not mailed. */
  smtpUrl?: string;
  /** From of outgoing replies (`客服 <support@example.com>`); its address is a support address too. */
  mailFrom?: string;
  /** Further support addresses, each `address` or `address=<org id>`. */
  mailAddresses: string[];
  /** Largest inbound message accepted, in bytes (SMTP SIZE; larger is refused with 552). */
  mailMaxBytes: number;
  /** The reference `test` messaging adapter: HMAC secret (unset = not registered) and where replies are POSTed. */
  channelTestSecret?: string;
  channelTestOutboundUrl?: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration (配置无效): ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KEFU_DATA_DIR),
    adminPassword: e.KEFU_ADMIN_PASSWORD,
    secret: e.KEFU_SECRET,
    bodyLimit: e.KEFU_BODY_LIMIT,
    uploadLimit: e.KEFU_UPLOAD_LIMIT,
    rateLimitPerMinute: e.KEFU_RATE_LIMIT,
    secureCookies: e.KEFU_SECURE_COOKIES,
    logLevel: e.KEFU_LOG_LEVEL,
    webhookAllowPrivate: e.KEFU_WEBHOOK_ALLOW_PRIVATE === 'true',
    publicUrl: (e.KEFU_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    trustProxy: e.KEFU_TRUST_PROXY ? e.KEFU_TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean) : false,
    smtpListenPort: e.KEFU_SMTP_LISTEN_PORT,
    smtpListenHost: e.KEFU_SMTP_LISTEN_HOST,
    smtpListenUser: e.KEFU_SMTP_LISTEN_USER,
    smtpListenPassword: e.KEFU_SMTP_LISTEN_PASSWORD,
    smtpUrl: e.KEFU_SMTP_URL,
    mailFrom: e.KEFU_MAIL_FROM,
    mailAddresses: e.KEFU_MAIL_ADDRESSES ? e.KEFU_MAIL_ADDRESSES.split(',').map((s) => s.trim()).filter(Boolean) : [],
    mailMaxBytes: e.KEFU_MAIL_MAX_BYTES,
    channelTestSecret: e.KEFU_CHANNEL_TEST_SECRET,
    channelTestOutboundUrl: e.KEFU_CHANNEL_TEST_OUTBOUND_URL,
    // Unique per process across hosts: stale job locks are recovered by node id.
    nodeId: e.KEFU_NODE_ID ?? `${os.hostname()}-${process.pid}`,
    ...overrides,
  };
}
