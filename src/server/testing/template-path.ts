import path from 'node:path';

/** The migrated PGlite snapshot that every test file starts from (written by global-setup). */
export const TEMPLATE_PATH = path.resolve('.kefu-test', 'pglite-template.tar');
