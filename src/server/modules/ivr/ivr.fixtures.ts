import { type IvrFlow, type IvrNode, ivrFlow } from '../../../shared/ivr-flow.js';

/** Spreads nodes over a grid so a fixture also looks sensible in the editor. */
const at = (i: number) => ({ x: (i % 4) * 240, y: Math.floor(i / 4) * 160 });

/** A node whose position may be left out (distributes over the kinds so each keeps its own fields). */
type UnplacedNode<N = IvrNode> = N extends IvrNode ? Omit<N, 'position'> & { position?: IvrNode['position'] } : never;

/** Builds a flow from nodes written without positions. */
export function flowOf(nodes: UnplacedNode[], name = '测试流程'): IvrFlow {
  return { name, version: 1, published: false, nodes: nodes.map((n, i) => ({ position: at(i), ...n }) as IvrNode) };
}

/**
 * A realistic service hotline: welcome → identify the caller (VIPs get priority) → business
 * hours → main menu: 1 after-sales queue, 2 ticket status self-service, 3 callback request,
 * 0 agent; outside hours → voicemail.
 */
export function hotlineFlow(): IvrFlow {
  return ivrFlow.parse(
    flowOf(
      [
        { id: 'welcome', kind: 'play', start: true, text: '您好，欢迎致电客服热线。', next: 'identify' },
        { id: 'identify', kind: 'caller_lookup', tierPriority: { vip: 8, key: 5 }, onFound: 'hours', onNotFound: 'hours' },
        { id: 'hours', kind: 'business_hours', calendarId: 'cal-main', onOpen: 'main_menu', onClosed: 'closed_notice' },
        {
          id: 'main_menu',
          kind: 'menu',
          prompt: '售后服务请按1，查询工单进度请按2，预约回电请按3，人工服务请按0。',
          options: [
            { key: '1', next: 'after_sales_queue', label: '售后' },
            { key: '2', next: 'ask_ticket', label: '工单查询' },
            { key: '3', next: 'callback', label: '回电' },
            { key: '0', next: 'agent_queue', label: '人工' },
          ],
          timeoutSeconds: 8,
          retries: 1,
          invalidPrompt: '输入有误，请重新选择。',
          timeoutPrompt: '没有听到您的选择。',
          onInvalid: 'too_many_errors',
          onTimeout: 'agent_queue',
        },
        {
          id: 'ask_ticket',
          kind: 'collect_digits',
          prompt: '请输入工单号，以井号键结束。',
          minDigits: 6,
          maxDigits: 12,
          terminator: '#',
          variable: 'ticket_no',
          timeoutSeconds: 10,
          retries: 1,
          next: 'ticket_lookup',
          onTimeout: 'main_menu',
        },
        { id: 'ticket_lookup', kind: 'ticket_status', numberVariable: 'ticket_no', onFound: 'tell_status', onNotFound: 'ticket_not_found' },
        { id: 'tell_status', kind: 'play', text: '您的工单 {ticket_no} 当前状态：{ticket.status_label}。', next: 'main_menu' },
        { id: 'ticket_not_found', kind: 'play', text: '没有找到该工单。', next: 'main_menu' },
        { id: 'too_many_errors', kind: 'play', text: '输入错误次数过多，为您转接人工服务。', next: 'agent_queue' },
        { id: 'after_sales_queue', kind: 'enqueue', queueId: 'after-sales', priority: 3, prompt: '正在为您转接售后服务。' },
        { id: 'agent_queue', kind: 'enqueue', queueId: 'general', priority: 3 },
        { id: 'callback', kind: 'callback_request', queueId: 'callbacks', prompt: '已为您登记回电，我们会尽快与您联系。' },
        { id: 'closed_notice', kind: 'play', text: '现在是非工作时间，请在提示音后留言。', next: 'voicemail' },
        { id: 'voicemail', kind: 'voicemail', maxSeconds: 120 },
      ],
      '客服热线',
    ),
  );
}

/** The hotline with some nodes changed or added, for tests of one refusal each. */
export function hotlineWith(change: (flow: IvrFlow) => void): IvrFlow {
  const flow = hotlineFlow();
  change(flow);
  return flow;
}

export function nodeOf<K extends IvrNode['kind']>(flow: IvrFlow, id: string, kind: K): Extract<IvrNode, { kind: K }> {
  const node = flow.nodes.find((n) => n.id === id);
  if (node?.kind !== kind) throw new Error(`fixture: no ${kind} node ${id}`);
  return node as Extract<IvrNode, { kind: K }>;
}
