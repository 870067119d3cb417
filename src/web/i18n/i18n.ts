import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Catalogues are split by area: `src/web/i18n/<area>.zh-CN.json` and `<area>.en.json`,
 * merged here. Every key exists in both languages.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*.json', { eager: true });

function merge(lang: 'zh-CN' | 'en') {
  const out: Record<string, unknown> = {};
  for (const [path, mod] of Object.entries(files)) {
    if (path.endsWith(`.${lang}.json`)) Object.assign(out, mod.default);
  }
  return out;
}

export const STORED_LANG_KEY = 'kefu.lang';
const initial = (localStorage.getItem(STORED_LANG_KEY) as 'zh-CN' | 'en' | null) ?? 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: merge('zh-CN') }, en: { translation: merge('en') } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
