import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../platform/db.js';
import { migrate } from '../platform/migrate.js';
import { TEMPLATE_PATH } from './template-path.js';

/**
 * A brand-new PGlite runs initdb (~3 s, ~730 MB). We migrate one database per test run and
 * snapshot it; every test file starts from that snapshot in memory (~0.7 s).
 */
export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    const blob = await database.pglite!.dumpDataDir('none');
    fs.mkdirSync(path.dirname(TEMPLATE_PATH), { recursive: true });
    fs.writeFileSync(TEMPLATE_PATH, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
  }
}
