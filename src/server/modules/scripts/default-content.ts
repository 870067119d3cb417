import type { TicketType } from '../../../shared/tickets.js';

/**
 * Recommended content from the customer's own service manuals. The seat-agent training plan
 * says: 严禁使用反面用语，尽量使用正面言词，推广礼貌用语“您、请、对不起、请稍等、谢谢、再见”;
 * the service standard asks agents to listen patiently, answer accurately, promise a reply time
 * when a problem cannot be solved at once, ask for feedback at the end, and escalate serious
 * complaints. The phrases below are the common 反面用语 that break those rules, each with the
 * positive wording to use instead; the scripts follow the standard's stages.
 */
export type DefaultPhrase = { phrase: string; suggestion: string; severity: 'warn' | 'block' };

export const RECOMMENDED_PHRASES: DefaultPhrase[] = [
  { phrase: '不知道', suggestion: '请稍等，我帮您查询一下', severity: 'warn' },
  { phrase: '不清楚', suggestion: '这个问题我帮您确认后尽快答复您', severity: 'warn' },
  { phrase: '没办法', suggestion: '我们一起看看还有什么办法可以帮到您', severity: 'warn' },
  { phrase: '不归我管', suggestion: '我帮您联系负责的同事，请稍等', severity: 'block' },
  { phrase: '不是我负责的', suggestion: '我帮您转给负责的同事跟进', severity: 'block' },
  { phrase: '找别人去', suggestion: '我帮您转接到相关部门，请稍等', severity: 'block' },
  { phrase: '我已经说过了', suggestion: '我再为您详细说明一下', severity: 'warn' },
  { phrase: '你听不懂吗', suggestion: '可能是我没有解释清楚，我换个方式再说明一下', severity: 'block' },
  { phrase: '有完没完', suggestion: '请问还有什么可以帮您？', severity: 'block' },
  { phrase: '急什么', suggestion: '理解您着急的心情，我们会尽快处理', severity: 'block' },
  { phrase: '自己看', suggestion: '我来为您说明具体步骤', severity: 'warn' },
  { phrase: '这是规定', suggestion: '根据相关规定，建议您这样办理……', severity: 'warn' },
  { phrase: '不可能', suggestion: '我帮您核实一下具体情况', severity: 'warn' },
  { phrase: '你自己的问题', suggestion: '我们一起看看问题出在哪里', severity: 'block' },
  { phrase: '爱买不买', suggestion: '您可以再考虑一下，有任何问题随时联系我们', severity: 'block' },
  { phrase: '下班了', suggestion: '我们的服务时间是……，我先为您登记，上班后第一时间处理', severity: 'warn' },
  { phrase: '喂', suggestion: '您好，请问有什么可以帮您？', severity: 'warn' },
  { phrase: '投诉也没用', suggestion: '您的意见我们非常重视，会按流程认真处理', severity: 'block' },
];

export type DefaultScript = { kind: 'reply' | 'script'; title: string; category: string; ticketTypes: TicketType[]; body: string };

export const RECOMMENDED_SCRIPTS: DefaultScript[] = [
  {
    kind: 'script',
    title: '来电开场',
    category: '开场与结束',
    ticketTypes: [],
    body: '您好，{{org.name}}客服中心，我是{{agent.name}}，很高兴为您服务。请问有什么可以帮您？',
  },
  {
    kind: 'script',
    title: '结束通话',
    category: '开场与结束',
    ticketTypes: [],
    body: '请问还有其他可以帮您的吗？感谢您的来电，祝您生活愉快，再见！',
  },
  {
    kind: 'script',
    title: '请客户稍等',
    category: '通话礼貌用语',
    ticketTypes: [],
    body: '{{customer.name}}{{customer.salutation}}，请稍等，我马上为您查询。',
  },
  {
    kind: 'script',
    title: '无法立即解决时的承诺',
    category: '咨询',
    ticketTypes: ['inquiry', 'after_sales'],
    body: '非常抱歉，这个问题需要相关部门进一步核实。我已经为您登记了工单 {{ticket.number}}，我们会在规定时间内回复您，请保持电话畅通。',
  },
  {
    kind: 'script',
    title: '投诉受理',
    category: '投诉',
    ticketTypes: ['complaint'],
    body: '{{customer.name}}{{customer.salutation}}，非常理解您的心情，给您带来不便我们深表歉意。您反映的情况我已详细记录（工单 {{ticket.number}}），我们会尽快调查处理，并及时向您反馈处理进展。',
  },
  {
    kind: 'script',
    title: '服务完成征询意见',
    category: '回访',
    ticketTypes: [],
    body: '您好，我是{{org.name}}的{{agent.name}}。关于您反映的“{{ticket.subject}}”，目前已处理完毕，请问您对我们的处理结果和服务还满意吗？您的意见对我们非常重要。',
  },
  {
    kind: 'reply',
    title: '已收到您的问题',
    category: '通用回复',
    ticketTypes: [],
    body: '{{customer.name}}{{customer.salutation}}您好：\n\n您的问题（工单 {{ticket.number}}：{{ticket.subject}}）我们已经收到，正在为您处理，处理进展会及时告知您。\n\n{{org.name}} {{agent.name}}\n{{today}}',
  },
  {
    kind: 'reply',
    title: '问题已解决',
    category: '通用回复',
    ticketTypes: [],
    body: '{{customer.name}}{{customer.salutation}}您好：\n\n您反映的“{{ticket.subject}}”已经处理完毕，工单当前状态：{{ticket.status}}。如仍有疑问，请直接回复本消息，我们会继续为您服务。感谢您的耐心与支持！\n\n{{org.name}} {{agent.name}}',
  },
  {
    kind: 'reply',
    title: '售后维修预约',
    category: '售后',
    ticketTypes: ['after_sales'],
    body: '{{customer.name}}{{customer.salutation}}您好：\n\n您的维修申请（工单 {{ticket.number}}）已受理，维修人员将在上门前与您电话确认时间。如需改约，请回复本消息。\n\n{{org.name}}',
  },
];
