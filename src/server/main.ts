import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { createKefu } from './kernel.js';
import { AdminPasswordRejected, bootstrap } from './bootstrap.js';
import { markShuttingDown } from './modules/ops/ops.routes.js';
import { type SmtpListener, startSmtpListener } from './modules/email/smtp-listener.js';

// Nodes starting together on a fresh PostgreSQL database must not each create an organization.
const BOOTSTRAP_LOCK_KEY = 7_240_002;

async function bootstrapOnce(kefu: Awaited<ReturnType<typeof createKefu>>, config: Config) {
  if (kefu.database.engine !== 'postgres') return bootstrap(kefu.db, { adminPassword: config.adminPassword });
  const client = await kefu.database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK_KEY]);
    return await bootstrap(kefu.db, { adminPassword: config.adminPassword });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

export type ServeOptions = {
  /** Hard limit for a graceful shutdown; past it the process exits 1. */
  shutdownTimeoutMs?: number;
  /** Time between turning /readyz to 503 and closing the listener, for load balancers to notice. */
  drainDelayMs?: number;
};

const envMs = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};

/**
 * `kefu serve`: config → database → migrations → first-start bootstrap → app → listen.
 * On SIGTERM/SIGINT: readiness goes 503, the listener stops accepting, in-flight requests
 * finish, the job loop finishes its current jobs, the database closes, exit 0.
 * Startup errors are thrown to the caller (the CLI prints them).
 */
export async function serve(config: Config = loadConfig(), opts: ServeOptions = {}): Promise<void> {
  const shutdownTimeoutMs = opts.shutdownTimeoutMs ?? envMs('KEFU_SHUTDOWN_TIMEOUT_MS', 25_000);
  const drainDelayMs = opts.drainDelayMs ?? envMs('KEFU_SHUTDOWN_DRAIN_MS', 0);
  const kefu = await createKefu(config);
  let app;
  let smtp: SmtpListener | undefined;
  try {
    const first = await bootstrapOnce(kefu, config);
    if (first.created) {
      console.log('\n  Kefu 首次启动 / first start');
      console.log(`  管理员 / administrator: ${first.adminUsername}`);
      console.log(
        first.generated
          ? `  初始密码 / password: ${first.adminPassword}   (只显示这一次 / shown once; set KEFU_ADMIN_PASSWORD to choose it)\n`
          : '  密码来自 / password from KEFU_ADMIN_PASSWORD\n',
      );
    }
    app = await buildApp({ kefu, logger: { level: config.logLevel } });
    await app.listen({ port: config.port, host: config.host });
    if (config.smtpListenPort !== undefined) smtp = await startSmtpListener(kefu, { log: app.log });
  } catch (err) {
    await smtp?.close().catch(() => {});
    await app?.close().catch(() => {});
    await kefu.close().catch(() => {});
    if (err instanceof AdminPasswordRejected) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const server = app;
  kefu.jobs.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    server.log.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      server.log.error({ timeoutMs: shutdownTimeoutMs }, 'graceful shutdown timed out');
      process.exit(1);
    }, shutdownTimeoutMs);
    force.unref();
    try {
      markShuttingDown(server);
      if (drainDelayMs > 0) await new Promise((r) => setTimeout(r, drainDelayMs));
      // Fastify's close stops accepting connections and waits for in-flight requests; the job
      // loop stops claiming at once and finishes what it runs. The database closes last.
      // Connections that turn idle after their last answer are closed as soon as they do.
      const idle = setInterval(() => server.server.closeIdleConnections?.(), 100);
      try {
        await Promise.all([server.close(), kefu.jobs.stop(), smtp?.close()]);
      } finally {
        clearInterval(idle);
      }
      await kefu.close();
      server.log.info('shutdown complete');
      process.exit(0);
    } catch (err) {
      server.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (err) => server.log.error({ err }, 'unhandled promise rejection'));

  const address = server.server.address() as AddressInfo;
  console.log(`  Kefu 已启动 / listening on http://${config.host}:${address.port}  (${kefu.database.engine}, node ${config.nodeId})`);
  if (smtp) console.log(`  邮件接收 / mail intake on smtp://${config.smtpListenHost}:${smtp.port}`);
}
