import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.js';

describe('article Markdown', () => {
  it('renders headings, lists, tables, code and links', () => {
    const html = renderMarkdown('# 退款流程\n\n1. 登录\n2. 申请\n\n| 步骤 | 时限 |\n|---|---|\n| 审核 | 1 天 |\n\n`code` [帮助](https://example.com/help)');
    expect(html).toContain('<h1>退款流程</h1>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<table>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<a href="https://example.com/help" target="_blank" rel="noopener noreferrer nofollow">帮助</a>');
  });

  it('never lets scripts, event handlers or javascript: URLs through', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(1)">',
      '<a href="javascript:alert(1)">点我</a>',
      '[点我](javascript:alert(1))',
      '[点我](JaVaScRiPt:alert(1))',
      '[点我](&#106;avascript:alert(1))',
      '<svg onload="alert(1)"></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
      '![x](data:text/html;base64,PHNjcmlwdD4=)',
      '<object data="javascript:alert(1)"></object>',
      '<form action="javascript:alert(1)"><button>x</button></form>',
    ];
    for (const source of attacks) {
      const html = renderMarkdown(source).toLowerCase();
      expect(html, source).not.toContain('<script');
      expect(html, source).not.toMatch(/\son\w+=/);
      expect(html, source).not.toContain('javascript:');
      expect(html, source).not.toContain('<iframe');
      expect(html, source).not.toContain('<svg');
      expect(html, source).not.toContain('<object');
      expect(html, source).not.toContain('<form');
      expect(html, source).not.toContain('style=');
      expect(html, source).not.toContain('data:text/html');
    }
  });

  it('extracts readable text for search', () => {
    expect(markdownToText('## 标题\n\n第一段 **加粗**\n\n- 项目 A\n- 项目 B & C')).toBe('标题 第一段 加粗 项目 A 项目 B & C');
  });
});
