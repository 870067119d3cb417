import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../platform/migrate.js';

/**
 * The migrated PGlite snapshot every test file starts from. Its name carries a hash of the
 * migrations, so a changed migration set gets a fresh snapshot and concurrent runs never
 * read one that is half-written (global-setup writes to a temp file and renames).
 */
export function templatePath(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort()) h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return path.resolve('.kefu-test', `pglite-template-${h.digest('hex').slice(0, 12)}.tar`);
}
