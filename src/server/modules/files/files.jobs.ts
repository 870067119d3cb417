import type { Kefu } from '../../platform/context.js';
import { FileStore, resolveFilesDir } from '../../platform/files.js';
import { purgeDeleted } from './files.service.js';

/** Once a day, the bytes of files deleted longer ago than the recycle period are removed. */
export function registerFilesJobs(kefu: Kefu): void {
  const store = new FileStore(resolveFilesDir(kefu.config));
  kefu.jobs.register('files.purge', async (_payload, ctx) => ({ purged: await purgeDeleted(ctx.db, store) }));
  void kefu.jobs.schedule('files.purge', 24 * 3600, {});
}
