import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi, type OpenApiDocument } from '../../platform/http/openapi.js';
import { routeRegistry } from '../../platform/http/route.js';

const PACKAGE_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../package.json');
const version = (() => {
  try {
    return (JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

let cached: { size: number; doc: OpenApiDocument } | null = null;

/** The OpenAPI document of every route defined so far; rebuilt only when routes were added. */
export function openApiDocument(): OpenApiDocument {
  if (!cached || cached.size !== routeRegistry.length) {
    cached = { size: routeRegistry.length, doc: buildOpenApi(routeRegistry, { version }) };
  }
  return cached.doc;
}
