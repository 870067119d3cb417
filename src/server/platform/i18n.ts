import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

type Catalogue = Record<string, string>;
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'i18n');

function flatten(obj: Record<string, unknown>, prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[prefix + k] = String(v);
  }
  return out;
}

/** Server message catalogues: every `src/server/i18n/<area>.<locale>.json`, merged. */
function loadCatalogues(): Record<Locale, Catalogue> {
  const result: Record<Locale, Catalogue> = { 'zh-CN': {}, en: {} };
  for (const file of fs.readdirSync(dir)) {
    const m = /^(.+)\.(zh-CN|en)\.json$/.exec(file);
    if (!m) continue;
    Object.assign(result[m[2] as Locale], flatten(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
  }
  return result;
}

const catalogues = loadCatalogues();

/** Translate a key with `{name}` parameters; falls back to Chinese, then to the key. */
export function t(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = catalogues[locale][key] ?? catalogues['zh-CN'][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

export function hasMessage(key: string): boolean {
  return key in catalogues['zh-CN'];
}

/** Picks the locale from a user preference or an Accept-Language header; Chinese by default. */
export function pickLocale(preferred?: string | null, acceptLanguage?: string): Locale {
  if (preferred === 'en' || preferred === 'zh-CN') return preferred;
  if (acceptLanguage) {
    const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
