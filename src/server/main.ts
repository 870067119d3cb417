import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { createKefu } from './kernel.js';
import { bootstrap } from './platform/bootstrap.js';
import { DataDirLockedError } from './platform/db-lock.js';

/** `kefu serve`: config → database → migrations → first-start bootstrap → app → listen. */
export async function serve(config: Config = loadConfig()): Promise<void> {
  let kefu;
  try {
    kefu = await createKefu(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const first = await bootstrap(kefu.db, { adminPassword: config.adminPassword });
  if (first.created) {
    console.log('\n  Kefu 首次启动 / first start');
    console.log(`  管理员 / administrator: ${first.adminUsername}`);
    console.log(
      first.generated
        ? `  初始密码 / password: ${first.adminPassword}   (只显示这一次 / shown once; set KEFU_ADMIN_PASSWORD to choose it)\n`
        : '  密码来自 / password from KEFU_ADMIN_PASSWORD\n',
    );
  }
  const app = await buildApp({ kefu, logger: { level: config.logLevel } });
  kefu.jobs.start();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Fastify's close stops accepting connections and waits for in-flight requests.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await kefu.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`  Kefu 已启动 / listening on http://${config.host}:${config.port}`);
}
