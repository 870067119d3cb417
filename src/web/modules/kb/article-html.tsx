/** Styles for rendered article HTML (tables, quotes, code), scoped to the container class. */
const CSS = `
.kb-article-body { line-height: 1.8; overflow-wrap: anywhere; }
.kb-article-body table { border-collapse: collapse; margin: 8px 0; }
.kb-article-body th, .kb-article-body td { border: 1px solid #e5e5e5; padding: 4px 10px; }
.kb-article-body th { background: #fafafa; }
.kb-article-body blockquote { margin: 8px 0; padding: 4px 12px; border-left: 3px solid #d9d9d9; color: #595959; }
.kb-article-body pre { background: #f6f8fa; padding: 8px 12px; border-radius: 6px; overflow-x: auto; }
.kb-article-body img { max-width: 100%; }
`;

/**
 * Article HTML as the server rendered it. The server passes every article through a
 * sanitize-html allowlist (no scripts, event handlers, styles or javascript: links), which is
 * what makes inserting it here safe.
 */
export function ArticleHtml({ html }: { html: string }) {
  return (
    <>
      <style>{CSS}</style>
      <div className="kb-article-body" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
