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
    trustProxy: e.KEFU_TRUST_PROXY ? e.KEFU_TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean) : false,
    // Unique per process across hosts: stale job locks are recovered by node id.
    nodeId: e.KEFU_NODE_ID ?? `${os.hostname()}-${process.pid}`,
    ...overrides,
  };
}
