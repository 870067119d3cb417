import type { Locale } from '../../platform/i18n.js';
import { t } from '../../platform/i18n.js';
import type { JsonSchema, OpenApiDocument } from '../../platform/http/openapi.js';
import { constraints, schemaText } from './schema-text.js';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Op = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  security?: unknown[];
  'x-permissions'?: string[];
};

const CSS = `
:root{--fg:#1f2329;--muted:#646a73;--line:#e5e6eb;--bg:#f7f8fa;--accent:#1677ff}
*{box-sizing:border-box}body{margin:0;font:14px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}h1{margin:0 0 4px;font-size:22px}
main{max-width:1100px;margin:0 auto;padding:16px 32px 64px}.muted{color:var(--muted)}a{color:var(--accent)}
.intro{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:16px 0}
#filter{width:100%;padding:8px 12px;border:1px solid var(--line);border-radius:6px;font-size:14px;margin:8px 0 16px}
h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
details{background:#fff;border:1px solid var(--line);border-radius:6px;margin:6px 0}
summary{cursor:pointer;padding:8px 12px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
summary code{font-weight:600}.m{display:inline-block;min-width:62px;text-align:center;border-radius:4px;color:#fff;font:600 12px/20px ui-monospace,monospace}
.m-get{background:#1677ff}.m-post{background:#52c41a}.m-patch{background:#fa8c16}.m-put{background:#fa8c16}.m-delete{background:#f5222d}
.body{padding:4px 16px 12px;border-top:1px solid var(--line)}h4{margin:12px 0 4px;font-size:13px}
pre{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:8px 10px;overflow:auto;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--bg)}
.tag{font-size:12px;border:1px solid var(--line);border-radius:10px;padding:0 8px;color:var(--muted)}
`;

const SCRIPT = `
const input=document.getElementById('filter');
input.addEventListener('input',()=>{const q=input.value.trim().toLowerCase();
for(const d of document.querySelectorAll('details[data-search]')){d.hidden=q!==''&&!d.dataset.search.includes(q);}
for(const s of document.querySelectorAll('section')){s.hidden=[...s.querySelectorAll('details')].every(d=>d.hidden);}});
`;

function schemaBlock(schema: JsonSchema | undefined, components: OpenApiDocument['components']): string {
  if (!schema) return '';
  const note = schema.type !== 'object' ? constraints(schema) : '';
  return `<pre>${esc(schemaText(schema))}${note ? esc(`  // ${note}`) : ''}</pre>${refsUsed(schema, components)}`;
}

/** Referenced component schemas are printed under the schema that uses them. */
function refsUsed(schema: JsonSchema, components: OpenApiDocument['components']): string {
  const refs = new Set<string>();
  JSON.stringify(schema, (k, v) => {
    if (k === '$ref' && typeof v === 'string') refs.add(v.split('/').pop()!);
    return v;
  });
  const schemas = (components.schemas ?? {}) as Record<string, JsonSchema>;
  return [...refs]
    .filter((r) => schemas[r])
    .map((r) => `<pre>${esc(`${r} = ${schemaText(schemas[r])}`)}</pre>`)
    .join('');
}

function operationHtml(method: string, path: string, op: Op, doc: OpenApiDocument, locale: Locale): string {
  const L = (k: string) => esc(t(locale, `api.docs.${k}`));
  const parts: string[] = [];
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  parts.push(`<p class="muted">${isPublic ? L('public') : L('authenticated')}${op['x-permissions'] ? ` · ${L('permission')}: <code>${esc(op['x-permissions'].join(' | '))}</code>` : ''}</p>`);
  const params = op.parameters ?? [];
  if (params.length > 0) {
    parts.push(`<h4>${L('parameters')}</h4><table><tr><th>${L('name')}</th><th>${L('in')}</th><th>${L('type')}</th><th>${L('notes')}</th></tr>`);
    for (const p of params) {
      const schema = p.schema ?? {};
      const note = [p.required ? L('required') : '', esc(constraints(schema)), esc(p.description ?? '')].filter(Boolean).join(' · ');
      parts.push(`<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td><code>${esc(schemaText(schema))}</code></td><td>${note}</td></tr>`);
    }
    parts.push('</table>');
  }
  const body = op.requestBody?.content?.['application/json']?.schema;
  if (body) parts.push(`<h4>${L('requestBody')}</h4>${schemaBlock(body, doc.components)}`);
  parts.push(`<h4>${L('responses')}</h4>`);
  const errors: string[] = [];
  for (const [code, res] of Object.entries(op.responses ?? {})) {
    if (res.$ref) {
      errors.push(code);
      continue;
    }
    const schema = res.content?.['application/json']?.schema;
    parts.push(`<p><b>${esc(code)}</b> ${esc(res.description ?? '')}</p>${schema ? schemaBlock(schema, doc.components) : ''}`);
  }
  if (errors.length > 0) parts.push(`<p><b>${esc(errors.join(' / '))}</b> ${L('errorShape')}</p>`);
  const search = `${method} ${path} ${op.summary ?? ''} ${(op.tags ?? []).join(' ')}`.toLowerCase();
  return (
    `<details data-search="${esc(search)}"><summary><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span>` +
    `<code>${esc(path)}</code><span>${esc(op.summary ?? '')}</span></summary><div class="body">${parts.join('')}</div></details>`
  );
}

/** A self-contained HTML page (inline CSS and script, nothing loaded from elsewhere) describing the API. */
export function renderDocsPage(doc: OpenApiDocument, locale: Locale, nonce: string): string {
  const L = (k: string) => esc(t(locale, `api.docs.${k}`));
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, Op>)) {
      const tag = op.tags?.[0] ?? 'default';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationHtml(method, path, op, doc, locale));
    }
  }
  const about = new Map(doc.tags.map((tg) => [tg.name, tg.description]));
  const sections = [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, ops]) => {
      const description = about.get(tag);
      return `<section><h2>${esc(tag)} <span class="tag">${ops.length}</span></h2>${description ? `<p class="muted">${esc(description)}</p>` : ''}${ops.join('')}</section>`;
    })
    .join('');
  const errorSchema = schemaText((doc.components.schemas as Record<string, JsonSchema>).Error);
  return `<!doctype html>
<html lang="${esc(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} — ${L('title')}</title><style>${CSS}</style></head>
<body><header><h1>${esc(doc.info.title)}</h1><div class="muted">OpenAPI ${esc(doc.openapi)} · v${esc(doc.info.version)} · <a href="/api/docs/openapi.json">openapi.json</a></div></header>
<main><div class="intro"><p>${L('intro')}</p><p>${L('authHelp')}</p><p>${L('conventions')}</p><h4>${L('errorShapeTitle')}</h4><pre>${esc(errorSchema)}</pre></div>
<input id="filter" type="search" placeholder="${L('filter')}" aria-label="${L('filter')}">
${sections}
</main><script nonce="${esc(nonce)}">${SCRIPT}</script></body></html>`;
}
