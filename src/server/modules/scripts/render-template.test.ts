import { describe, expect, it } from 'vitest';
import { renderTemplate, TEMPLATE_VARIABLES, unknownVariables } from './render-template.js';

describe('renderTemplate', () => {
  const values = {
    'customer.name': '刘德明',
    'customer.salutation': '先生',
    'agent.name': '徐丽',
    'ticket.number': '10234',
    'ticket.subject': '宽带无法上网',
    'ticket.status': '处理中',
    'org.name': '客服中心',
    today: '2026-11-29',
  };

  it('fills every documented variable, with or without spaces inside the braces', () => {
    const template = TEMPLATE_VARIABLES.map((v, i) => (i % 2 ? `{{${v}}}` : `{{ ${v} }}`)).join('|');
    const res = renderTemplate(template, values);
    expect(res.text).toBe('刘德明|先生|徐丽|10234|宽带无法上网|处理中|客服中心|2026-11-29');
    expect(res).toMatchObject({ unknown: [], missing: [] });
  });

  it('reports unknown names and leaves them as written, never evaluating them', () => {
    const res = renderTemplate('您好{{customer.name}}，{{constructor}}{{ process.exit() }}{{__proto__}}{{customer.name}}', values);
    expect(res.text).toBe('您好刘德明，{{constructor}}{{ process.exit() }}{{__proto__}}刘德明');
    expect(res.unknown).toEqual(['constructor', 'process.exit()', '__proto__']);
    expect(unknownVariables('{{ticket.number}} {{ticket.owner}}')).toEqual(['ticket.owner']);
  });

  it('reports known variables without a value and keeps their placeholders', () => {
    const res = renderTemplate('工单 {{ticket.number}}：{{ticket.subject}}，{{agent.name}}为您服务', { 'agent.name': '徐丽', 'ticket.subject': '' });
    expect(res.text).toBe('工单 {{ticket.number}}：{{ticket.subject}}，徐丽为您服务');
    expect(res.missing).toEqual(['ticket.number', 'ticket.subject']);
  });

  it('does not re-expand placeholders that come in through values', () => {
    expect(renderTemplate('{{customer.name}}', { 'customer.name': '{{agent.name}}', 'agent.name': 'x' }).text).toBe('{{agent.name}}');
  });

  it('leaves text without placeholders and stray braces alone', () => {
    expect(renderTemplate('价格 {100} {{ }} {{', values)).toEqual({ text: '价格 {100} {{ }} {{', unknown: [], missing: [] });
  });
});
