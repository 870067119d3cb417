import sanitizeHtml from 'sanitize-html';

/**
 * Makes the HTML of an inbound mail inert before anyone's browser sees it: no scripts, styles,
 * frames, forms or event attributes; links only to http(s)/mailto, opened in a new tab without
 * referrer or opener; no remote images (a tracking pixel would tell the sender the mail was read).
 * Inline images (`cid:`) stored as attachments are pointed at their stored file; any other
 * image keeps its alt text only.
 */
export function sanitizeMailHtml(html: string, inlineFiles: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'), 'img', 'font', 'center', 'u', 's', 'del', 'ins', 'sup', 'sub'],
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'embed', 'form', 'select', 'button'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      table: ['border', 'cellpadding', 'cellspacing'],
      font: ['color'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => {
        const href = (attribs.href ?? '').trim();
        const attrs: Record<string, string> = {};
        if (/^(https?:|mailto:)/i.test(href)) attrs.href = href;
        if (attribs.title) attrs.title = attribs.title;
        attrs.rel = 'noopener noreferrer nofollow';
        attrs.target = '_blank';
        return { tagName, attribs: attrs };
      },
      img: (tagName, attribs) => {
        const attrs: Record<string, string> = { alt: attribs.alt ?? '' };
        if (attribs.title) attrs.title = attribs.title;
        const src = (attribs.src ?? '').trim();
        const cid = /^cid:(.+)$/i.exec(src)?.[1];
        const fileId = cid ? inlineFiles.get(normalizeContentId(cid)) : undefined;
        // Only our own stored copy of an inline part; never a remote or relative address.
        if (fileId) attrs.src = `/api/v1/files/${fileId}/content`;
        return { tagName, attribs: attrs };
      },
    },
  }).trim();
}

/** Content-ID without angle brackets, lower-cased: how `cid:` references are matched. */
export function normalizeContentId(cid: string): string {
  return cid.trim().replace(/^<|>$/g, '').toLowerCase();
}
