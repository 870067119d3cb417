import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Knowledge-base articles are stored as Markdown source and shown as HTML. Authors may type raw
 * HTML into Markdown, so the rendered HTML is always passed through an allowlist: no scripts,
 * no event-handler attributes, no style, and links only to http(s), mailto and tel.
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });

const SAFE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'span', 'sup', 'sub',
  ],
  allowedAttributes: {
    // target and rel come from the transform below, which runs before this filter
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    // GFM task lists render disabled checkboxes
    input: ['type', 'checked', 'disabled'],
    code: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowProtocolRelative: false,
  transformTags: {
    // links leave the app in a new tab and do not pass it the opener
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
    input: (tagName, attribs) => (attribs.type === 'checkbox' ? { tagName, attribs: { ...attribs, disabled: '' } } : { tagName: 'span', attribs: {} }),
  },
};

/** Markdown → HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source) as string, SAFE);
}

/** The readable text of an article body (for search tokens and snippets), whitespace collapsed. */
export function markdownToText(source: string): string {
  const html = marked.parse(source) as string;
  const text = sanitizeHtml(html.replace(/<\/(p|h\d|li|tr|blockquote|pre)>/g, '$& ').replace(/<br\s*\/?>/g, ' '), { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]);
}
