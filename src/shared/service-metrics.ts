import { TICKET_CHANNELS } from './tickets.js';

/**
 * §5.10 service standards (客户服务标准): the metrics a standard can target, each with its formula
 * written once here and shown beside every figure. Metrics whose data Kefu does not record yet
 * (the phone ones, until the call center lands) are reported as "no data yet", never estimated.
 */

export const STANDARD_CHANNELS = ['all', ...TICKET_CHANNELS] as const;
export type StandardChannel = (typeof STANDARD_CHANNELS)[number];

export const SERVICE_METRICS = ['answer_seconds', 'abandon_rate', 'first_response_hours', 'resolution_hours', 'csat_percent'] as const;
export type ServiceMetric = (typeof SERVICE_METRICS)[number];

export type MetricDef = {
  unit: 'seconds' | 'working_hours' | 'hours' | 'percent';
  /** per_case: each ticket or call meets the target or not, and the share meeting it is compared with the goal; rate: one figure for the period. */
  kind: 'per_case' | 'rate';
  /** max: the actual must not exceed the target; min: it must reach it. */
  direction: 'max' | 'min';
  /** Where the figures come from; 'calls' has no data until the call center records calls. */
  source: 'tickets' | 'calls';
  /** Only these channels (absent: any). */
  channels?: readonly StandardChannel[];
  formula: { 'zh-CN': string; en: string };
};

export const METRIC_DEFS: Record<ServiceMetric, MetricDef> = {
  answer_seconds: {
    unit: 'seconds',
    kind: 'per_case',
    direction: 'max',
    source: 'calls',
    channels: ['phone'],
    formula: {
      'zh-CN': '接通时长 = 接听时间 − 振铃开始时间；达标率 = 在目标秒数内接听的来电数 ÷ 接听的来电数（约 5 秒一声铃，3 声 ≈ 15 秒）',
      en: 'Answer time = answered at − ringing started; attainment = calls answered within the target ÷ calls answered (about 5 s a ring, 3 rings ≈ 15 s)',
    },
  },
  abandon_rate: {
    unit: 'percent',
    kind: 'rate',
    direction: 'max',
    source: 'calls',
    channels: ['phone'],
    formula: { 'zh-CN': '放弃率 = 客户在接听前挂断的来电数 ÷ 进线来电数 × 100%', en: 'Abandon rate = calls the caller hung up before answer ÷ calls offered × 100%' },
  },
  first_response_hours: {
    unit: 'working_hours',
    kind: 'per_case',
    direction: 'max',
    source: 'tickets',
    formula: {
      'zh-CN': '首次响应时长 = 首次回复时间 − 创建时间（按默认工作日历计工作小时）；达标率 = 在目标内首次回复的工单数 ÷ 统计工单数。统计工单：期间内创建，已回复，或未回复但已超出目标',
      en: 'First response time = first reply at − created at (working hours of the default business calendar); attainment = tickets first answered within the target ÷ counted tickets. Counted: created in the period and answered, or unanswered and already past the target',
    },
  },
  resolution_hours: {
    unit: 'hours',
    kind: 'per_case',
    direction: 'max',
    source: 'tickets',
    formula: {
      'zh-CN': '解决时长 = 解决时间 − 创建时间（自然小时）；达标率 = 在目标内解决的工单数 ÷ 统计工单数。统计工单：期间内创建，已解决，或未解决但已超出目标',
      en: 'Resolution time = resolved at − created at (clock hours); attainment = tickets resolved within the target ÷ counted tickets. Counted: created in the period and resolved, or unresolved and already past the target',
    },
  },
  csat_percent: {
    unit: 'percent',
    kind: 'rate',
    direction: 'min',
    source: 'tickets',
    formula: {
      'zh-CN': '满意度（CSAT）= 评分为 4 或 5 分（满意、非常满意）的工单数 ÷ 期间内评分的工单数 × 100%',
      en: 'CSAT = tickets rated 4 or 5 (satisfied, very satisfied) ÷ tickets rated in the period × 100%',
    },
  },
};

/** The share of cases that must meet a per-case target, unless a standard says otherwise. */
export const DEFAULT_GOAL_PERCENT = 90;

export type StandardInput = { channel: StandardChannel; metric: ServiceMetric; target: number; goalPercent: number; description: string };

/**
 * Recommended standards from the customer's service rules: phone answered within 3 rings
 * (15 s), abandon rate at most 5 %, email answered within 4 working hours, web form and portal
 * within 2, every ticket resolved within 24 hours, CSAT at least 90 %.
 */
export const RECOMMENDED_STANDARDS: StandardInput[] = [
  { channel: 'phone', metric: 'answer_seconds', target: 15, goalPercent: 90, description: '电话响铃 3 声（15 秒）内接听' },
  { channel: 'phone', metric: 'abandon_rate', target: 5, goalPercent: DEFAULT_GOAL_PERCENT, description: '来电放弃率不高于 5%' },
  { channel: 'email', metric: 'first_response_hours', target: 4, goalPercent: 90, description: '邮件 4 个工作小时内首次回复' },
  { channel: 'web_form', metric: 'first_response_hours', target: 2, goalPercent: 90, description: '网页表单 2 个工作小时内首次回复' },
  { channel: 'portal', metric: 'first_response_hours', target: 2, goalPercent: 90, description: '客户门户 2 个工作小时内首次回复' },
  { channel: 'all', metric: 'resolution_hours', target: 24, goalPercent: 90, description: '工单 24 小时内解决' },
  { channel: 'all', metric: 'csat_percent', target: 90, goalPercent: DEFAULT_GOAL_PERCENT, description: '客户满意度不低于 90%' },
];

export type ServiceStandardDto = StandardInput & { id: string; active: boolean; version: number; createdAt: string; updatedAt: string };

export type StandardResult = {
  standard: ServiceStandardDto;
  unit: MetricDef['unit'];
  kind: MetricDef['kind'];
  direction: MetricDef['direction'];
  /** met / not_met, or no_data when nothing to measure (or the data is not recorded yet). */
  status: 'met' | 'not_met' | 'no_data';
  /** Why there is no data: the source is not recorded yet, or no case fell in the period. */
  noDataReason: 'not_recorded' | 'no_cases' | null;
  /** Cases counted (tickets); null when not recorded. */
  sample: number | null;
  /** Cases meeting the target (per-case metrics). */
  withinTarget: number | null;
  /** per_case: the attainment in percent; rate: the rate in percent. */
  actual: number | null;
  /** per_case: the mean time in the metric's unit over answered/resolved cases. */
  average: number | null;
};

export type StandardsReport = { from: string; to: string; calendar: string | null; items: StandardResult[] };

/** Percent with one decimal. */
export const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/** Whether a figure meets its standard. */
export function meets(def: MetricDef, actual: number, target: number, goalPercent: number): boolean {
  if (def.kind === 'per_case') return actual >= goalPercent;
  return def.direction === 'max' ? actual <= target : actual >= target;
}
