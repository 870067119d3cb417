import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../platform/db.js';
import { migrate } from '../platform/migrate.js';
import { templatePath } from './template-path.js';

/**
 * A brand-new PGlite runs initdb (~3 s, ~730 MB). We migrate one database per test run and
 * snapshot it; every test file starts from that snapshot in memory (~0.7 s).
 */
export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const target = templatePath();
  if (fs.existsSync(target)) return;
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const blob = await database.pglite!.dumpDataDir('none');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, target);
  } finally {
    await database.close();
  }
}
