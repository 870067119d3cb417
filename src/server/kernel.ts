import type { Config } from './config.js';
import type { Kefu } from './platform/context.js';
import { openDatabase, type OpenOptions } from './platform/db.js';
import { createEventBus } from './platform/events.js';
import { createJobQueue } from './platform/jobs.js';
import { migrate } from './platform/migrate.js';
import { registerJobHandlers } from './modules/jobs.js';

/** Opens the database, applies migrations and wires the app-wide services. */
export async function createKefu(config: Config, open: Partial<OpenOptions> = {}): Promise<Kefu & { close(): Promise<void> }> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    ...open,
  });
  try {
    await migrate(database.pool);
    const events = await createEventBus(database);
    const jobs = createJobQueue(database.db, {
      nodeId: config.nodeId,
      // The queue runs outside any request, so its failures go straight to the JSON log.
      onError: (err, context) => {
        if (config.logLevel === 'silent') return;
        const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
        process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), node: config.nodeId, msg: 'job queue error', context, err: detail })}\n`);
      },
    });
    const kefu: Kefu = { config, database, db: database.db, events, jobs };
    registerJobHandlers(kefu);
    return {
      ...kefu,
      async close() {
        await jobs.stop();
        await events.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
