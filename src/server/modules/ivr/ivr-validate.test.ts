import { describe, expect, it } from 'vitest';
import { ivrFlow, type IvrNode } from '../../../shared/ivr-flow.js';
import { flowOf, hotlineFlow, hotlineWith, nodeOf } from './ivr.fixtures.js';
import { IVR_PROBLEM_CODES, validateFlow } from './ivr-validate.js';

const codes = (problems: ReturnType<typeof validateFlow>) => problems.map((p) => [p.code, p.nodeId, p.exit ?? null]);
const hangup = (id: string): IvrNode => ({ id, kind: 'hangup', position: { x: 0, y: 0 } });

describe('validateFlow', () => {
  it('accepts a realistic hotline flow', () => {
    expect(validateFlow(hotlineFlow())).toEqual([]);
  });

  it('refuses a flow with no start node', () => {
    const flow = hotlineWith((draft) => delete draft.nodes[0].start);
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([['no_start_node', null, null]]);
    expect(problems[0].message.en).toBe('The flow has no start node; mark one node as the start');
  });

  it('refuses more than one start node and names each', () => {
    const flow = hotlineWith((draft) => (draft.nodes[2].start = true));
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([
      ['multiple_start_nodes', 'welcome', null],
      ['multiple_start_nodes', 'hours', null],
    ]);
    expect(problems[1].message['zh-CN']).toBe('节点“hours”被设为起点，但流程只能有一个起点（共 2 个）');
  });

  it('refuses an exit that leads to a missing node', () => {
    const flow = hotlineWith((draft) => nodeOf(draft, 'main_menu', 'menu').options[2].next = 'nowhere');
    const problems = validateFlow(flow);
    // the callback node is now reached by nothing
    expect(codes(problems)).toEqual([
      ['missing_target', 'main_menu', 'option:3'],
      ['unreachable', 'callback', null],
    ]);
    expect(problems[0].message['zh-CN']).toBe('节点“main_menu”的出口“按键 3”指向不存在的节点“nowhere”');
    expect(problems[0].message.en).toBe('Exit "key 3" of node "main_menu" leads to the missing node "nowhere"');
  });

  it('refuses a dead end: an unconnected exit of a non-terminal node', () => {
    const flow = hotlineWith((draft) => {
      nodeOf(draft, 'closed_notice', 'play').next = null;
      nodeOf(draft, 'hours', 'business_hours').onClosed = null;
    });
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([
      ['dead_end', 'hours', 'on_closed'],
      ['dead_end', 'closed_notice', 'next'],
      ['unreachable', 'closed_notice', null],
      ['unreachable', 'voicemail', null],
    ]);
    expect(problems[0].message['zh-CN']).toContain('“非工作时间”未连接');
  });

  it('refuses nodes that cannot be reached from the start', () => {
    const flow = hotlineWith((draft) => draft.nodes.push(hangup('orphan')));
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([['unreachable', 'orphan', null]]);
    expect(problems[0].message.en).toBe('Node "orphan" cannot be reached from the start');
  });

  it('refuses a loop of automatic nodes only (play → business hours → play)', () => {
    const flow = flowOf([
      { id: 'hello', kind: 'play', start: true, text: '您好', next: 'hours' },
      { id: 'hours', kind: 'business_hours', calendarId: 'c', onOpen: 'hello', onClosed: 'bye' },
      { id: 'bye', kind: 'hangup' },
    ]);
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([['unbounded_loop', 'hello', null]]);
    expect(problems[0].message.en).toContain('Nodes hello, hours form a loop');
  });

  it('refuses a play node leading to itself', () => {
    const flow = flowOf([{ id: 'echo', kind: 'play', start: true, text: '请稍候', next: 'echo' }]);
    expect(codes(validateFlow(flow))).toEqual([['unbounded_loop', 'echo', null]]);
  });

  it('refuses a menu whose timeout leads back to it (a silent caller would loop forever)', () => {
    const flow = hotlineWith((draft) => {
      nodeOf(draft, 'main_menu', 'menu').onTimeout = 'ticket_not_found';
    });
    expect(codes(validateFlow(flow))).toEqual([['unbounded_loop', 'main_menu', null]]);
  });

  it('accepts a loop that costs the caller a key press ("press 9 to hear the menu again")', () => {
    const flow = hotlineWith((draft) => {
      nodeOf(draft, 'main_menu', 'menu').options.push({ key: '9', next: 'welcome' });
    });
    expect(validateFlow(flow)).toEqual([]);
  });

  it('refuses a key used twice in a menu, once per key', () => {
    const flow = hotlineWith((draft) => {
      const menu = nodeOf(draft, 'main_menu', 'menu');
      menu.options.push({ key: '1', next: 'agent_queue' }, { key: '1', next: 'callback' });
    });
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([['duplicate_dtmf_key', 'main_menu', null]]);
    expect(problems[0].message['zh-CN']).toBe('菜单“main_menu”中按键“1”被使用了多次');
  });

  it('refuses a menu without options', () => {
    const flow = flowOf([
      { id: 'menu', kind: 'menu', start: true, prompt: '请选择', options: [], timeoutSeconds: 5, retries: 0, onInvalid: 'bye', onTimeout: 'bye' },
      { id: 'bye', kind: 'hangup' },
    ]);
    expect(codes(validateFlow(flow))).toEqual([['menu_without_options', 'menu', null]]);
  });

  it('refuses a digit entry asking for more digits at least than at most', () => {
    const flow = hotlineWith((draft) => (nodeOf(draft, 'ask_ticket', 'collect_digits').minDigits = 13));
    const problems = validateFlow(flow);
    expect(codes(problems)).toEqual([['digit_range_invalid', 'ask_ticket', null]]);
    expect(problems[0].message.en).toBe('Node "ask_ticket" asks for at least 13 digits but at most 12');
  });

  it('refuses a node id used twice', () => {
    const flow = hotlineWith((draft) => draft.nodes.push(hangup('voicemail')));
    expect(codes(validateFlow(flow))).toEqual([['duplicate_node_id', 'voicemail', null]]);
  });

  it('words every problem in both languages with every parameter filled in', () => {
    const flow = flowOf([
      { id: 'a', kind: 'play', start: true, text: '一', next: 'b' },
      { id: 'b', kind: 'play', text: '二', next: 'a' },
      { id: 'e', kind: 'menu', prompt: '请选择', options: [{ key: '1', next: 'a' }, { key: '1', next: 'b' }], timeoutSeconds: 5, retries: 0, onInvalid: 'a', onTimeout: 'a' },
      { id: 'c', kind: 'menu', prompt: '请选择', options: [], timeoutSeconds: 5, retries: 0, onInvalid: null, onTimeout: 'gone' },
      { id: 'd', kind: 'collect_digits', prompt: '请输入', minDigits: 5, maxDigits: 4, terminator: null, variable: 'x', timeoutSeconds: 5, retries: 0, next: 'c', onTimeout: 'c' },
      { id: 'd', kind: 'hangup' },
    ]);
    const problems = validateFlow(flow);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(IVR_PROBLEM_CODES.filter((c) => c !== 'no_start_node' && c !== 'multiple_start_nodes')));
    for (const p of problems) {
      for (const text of Object.values(p.message)) {
        expect(text).not.toMatch(/\{\w+\}|ivr\.problems/);
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });
});

describe('ivrFlow schema', () => {
  it('parses the hotline and refuses what is not a flow', () => {
    expect(ivrFlow.safeParse(hotlineFlow()).success).toBe(true);
    const bad = (change: (flow: any) => void) => {
      const flow: any = structuredClone(hotlineFlow());
      change(flow);
      return ivrFlow.safeParse(flow).success;
    };
    expect(bad((f) => (f.nodes[0].kind = 'dial'))).toBe(false);
    expect(bad((f) => (f.nodes[3].options[0].key = 'A'))).toBe(false);
    expect(bad((f) => (f.nodes[0].extra = true))).toBe(false);
    expect(bad((f) => (f.nodes[4].variable = 'Ticket No'))).toBe(false);
    expect(bad((f) => (f.version = 0))).toBe(false);
    // a draft may have unconnected exits; validation, not the schema, refuses them
    expect(bad((f) => (f.nodes[0].next = null))).toBe(true);
  });
});
