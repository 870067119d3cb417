import { describe, expect, it } from 'vitest';
import { describeSystemLine } from './system-line';

describe('describeSystemLine', () => {
  it('reads merge and split lines', () => {
    expect(describeSystemLine('merged_into:#1024', false)).toEqual({ key: 'system.merged_into', values: { number: '1024' }, ticketNumber: '1024' });
    expect(describeSystemLine('split_from:#7', false)).toMatchObject({ key: 'system.split_from', ticketNumber: '7' });
  });

  it('reads routing notes, automatic and manual', () => {
    const auto = JSON.stringify({ event: 'routing.assigned', strategy: 'round_robin', teamId: 'x', teamName: '售后一组', assigneeName: '李雷' });
    expect(describeSystemLine(auto, false)).toEqual({ key: 'system.assigned.autoTeam', values: { strategy: 'round_robin', team: '售后一组', assignee: '李雷', by: '' } });
    const manual = JSON.stringify({ event: 'routing.assigned', strategy: 'manual', teamName: null, assigneeName: '韩梅梅', byName: '王主管' });
    expect(describeSystemLine(manual, false)).toMatchObject({ key: 'system.assigned.manual', values: { assignee: '韩梅梅', by: '王主管' } });
    const queued = JSON.stringify({ event: 'routing.queued', strategy: 'load_balanced', teamName: '投诉组' });
    expect(describeSystemLine(queued, false)).toMatchObject({ key: 'system.queued', values: { team: '投诉组' } });
  });

  it('an empty line with files is the registration attachments; other text stays as written', () => {
    expect(describeSystemLine('', true)).toEqual({ key: 'system.attachments', values: {} });
    expect(describeSystemLine('首次响应即将超时，已通知主管', false)).toEqual({ key: null, text: '首次响应即将超时，已通知主管' });
    expect(describeSystemLine('{not json', false)).toEqual({ key: null, text: '{not json' });
  });
});
