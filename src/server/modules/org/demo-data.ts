import type { DataScope, FieldRule } from '../../platform/db-schema.js';
import type { Permission, ScopedResource } from '../../../shared/permissions.js';

/**
 * The demo organization (kefu seed --demo): a customer service center as the textbooks in
 * /work/shared/seeds describe it (客户服务部组织结构, 岗位职责与素质要求, 班长职责范围).
 * Phone numbers are fictional but valid mainland mobile numbers.
 */

export const DEMO_PASSWORD = 'Kefu-Demo-2026';

export type DemoDepartment = { code: string; name: string; parent: string | null; sort: number };
/** `parent: null` hangs under the organization's root department (客服中心). */
export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'CALL_CENTER', name: '呼叫中心', parent: null, sort: 1 },
  { code: 'CALL_TEAM_1', name: '话务一组', parent: 'CALL_CENTER', sort: 1 },
  { code: 'CALL_TEAM_2', name: '话务二组', parent: 'CALL_CENTER', sort: 2 },
  { code: 'ONLINE', name: '在线客服', parent: null, sort: 2 },
  { code: 'AFTER_SALES', name: '售后服务', parent: null, sort: 3 },
  { code: 'TECH_SUPPORT', name: '技术支持', parent: null, sort: 4 },
  { code: 'KEY_ACCOUNTS', name: '大客户部', parent: null, sort: 5 },
  { code: 'QA', name: '质检组', parent: null, sort: 6 },
];

export type DemoPosition = { code: string; name: string; nameEn: string; responsibilities: string; requirements: string };
export const DEMO_POSITIONS: DemoPosition[] = [
  {
    code: 'CS_MANAGER',
    name: '客服经理',
    nameEn: 'Customer Service Manager',
    responsibilities:
      '负责制定客户服务策略和服务标准，领导客户服务团队达成既定目标。制定和执行客户服务政策，提升客户满意度。审阅服务报表，定期评估服务质量并考核客服人员。',
    requirements: '大专及以上学历，三年以上客户服务管理经验。具备良好的沟通协调和团队管理能力，熟悉服务质量评价指标与投诉处理流程。',
  },
  {
    code: 'TEAM_LEAD',
    name: '班长',
    nameEn: 'Team Lead',
    responsibilities:
      '对当班所有座席代表的工作情况负责。认真做好每日话务情况的统计，每天定量监听座席代表的来电情况，发现问题及时上报。带领本班人员认真完成领导交办的各项任务。',
    requirements: '热爱本职工作，有为大家服务及奉献的精神。一年以上座席工作经验，熟悉各项业务流程，普通话标准。',
  },
  {
    code: 'CS_AGENT',
    name: '客服代表',
    nameEn: 'Customer Service Representative',
    responsibilities: '直接与客户接触，为客户提供咨询、解答疑问、处理投诉等服务。为客户提供热情、专业的服务，及时解决客户问题，做好来电登记和客户回访。',
    requirements:
      '具备良好的个人素养，善于与客户沟通，普通话标准。熟练使用 Office 软件，打字速度 60 字/分。服务意识强，遇到不讲理的客户能保持冷静、理智。',
  },
  {
    code: 'TECH_SUPPORT',
    name: '技术支持',
    nameEn: 'Technical Support Engineer',
    responsibilities: '为客户提供专业性的技术支持，协助客户解决技术问题，保证客户正常使用产品。提供产品安装、调试、技术咨询和技术指导。',
    requirements: '具备相关产品知识和行业知识，能为客户提供专业、准确的解答。分析和解决问题的能力强。',
  },
  {
    code: 'AFTER_SALES',
    name: '售后',
    nameEn: 'After-sales Service',
    responsibilities: '负责处理客户在购买产品后的维修、退换货等问题。快速响应客户需求，提供优质的售后服务，并对客户进行跟踪服务与回访。',
    requirements: '熟悉产品的安装、维修和保养流程。应变能力强，面对突发情况能迅速做出判断并采取有效措施。',
  },
  {
    code: 'CRM_SPECIALIST',
    name: '客户关系管理专员',
    nameEn: 'CRM Specialist',
    responsibilities: '负责维护客户关系，收集客户反馈，推动企业改进。建立和维护客户档案，定期回访，提升客户忠诚度；定期评估客户关系，了解满意度和需求变化。',
    requirements: '具备强烈的客户服务意识，始终把客户需求放在首位。具备数据分析能力，熟悉客户分级与客户关怀计划。',
  },
  {
    code: 'QA_INSPECTOR',
    name: '质检',
    nameEn: 'Quality Inspector',
    responsibilities: '依据服务标准监听通话录音和在线会话，评估服务质量。通过客户反馈、投诉、满意度调查等方式评估服务质量，对不达标之处提出改进意见并跟踪整改。',
    requirements: '熟悉客户服务标准和服务质量评价指标。客观公正、细致认真，具备良好的书面表达能力。',
  },
  {
    code: 'TRAINER',
    name: '培训',
    nameEn: 'Trainer',
    responsibilities:
      '制定座席代表培训计划，组织业务知识、沟通技巧、团队协作等方面的培训。对语气、语调和服务用语进行培训与考核，跟进培训效果并进行评价。',
    requirements: '熟悉各项业务和服务规范，具备一线客户服务经验。表达能力强，善于组织和激励团队。',
  },
];

export type DemoRole = {
  code: string;
  name: string;
  description: string;
  permissions: Permission[];
  scopes: Partial<Record<ScopedResource, DataScope>>;
  fieldRules: Partial<Record<'phone' | 'id_number' | 'email' | 'address', FieldRule>>;
};

const every = (scope: DataScope) => ({ customers: scope, tickets: scope, calls: scope, users: scope, reports: scope });

export const DEMO_ROLES: DemoRole[] = [
  {
    code: 'cs_manager',
    name: '客服经理',
    description: '制定服务标准、SLA、路由与调查；查看报表，考核人员；本部门及下级数据',
    permissions: [
      'org.departments.read', 'org.users.read', 'customers.read', 'customers.create', 'customers.update', 'customers.merge',
      'customers.transfer', 'customers.import', 'tickets.read', 'tickets.create', 'tickets.update', 'tickets.assign',
      'complaints.handle', 'kb.read', 'kb.manage', 'sla.manage', 'calls.handle', 'calls.monitor', 'wfm.manage',
      'qa.evaluate', 'reports.read', 'pii.reveal', 'data.export', 'privacy.manage',
    ],
    scopes: every('subtree'),
    fieldRules: { phone: 'show', email: 'show', address: 'show', id_number: 'mask' },
  },
  {
    code: 'team_lead',
    name: '班长',
    description: '监控队列与大屏，监听通话，统计每日话务；本部门数据',
    permissions: [
      'org.departments.read', 'org.users.read', 'customers.read', 'customers.create', 'customers.update', 'tickets.read',
      'tickets.create', 'tickets.update', 'tickets.assign', 'complaints.handle', 'kb.read', 'calls.handle', 'calls.monitor',
      'reports.read', 'pii.reveal',
    ],
    scopes: every('department'),
    fieldRules: { phone: 'mask', email: 'mask', address: 'mask', id_number: 'mask' },
  },
  {
    code: 'agent',
    name: '客服代表',
    description: '接听来电与在线消息，登记和处理工单，做回访；本人数据，电话号码脱敏',
    permissions: ['customers.read', 'customers.create', 'customers.update', 'tickets.read', 'tickets.create', 'tickets.update', 'kb.read', 'calls.handle'],
    scopes: every('self'),
    fieldRules: { phone: 'mask', email: 'mask', address: 'mask', id_number: 'hide' },
  },
  {
    code: 'qa',
    name: '质检',
    description: '抽检通话录音、会话与工单，评分并提出改进意见；全部通话与工单',
    permissions: ['org.departments.read', 'org.users.read', 'customers.read', 'tickets.read', 'kb.read', 'calls.monitor', 'qa.evaluate', 'reports.read'],
    scopes: { customers: 'all', tickets: 'all', calls: 'all', users: 'all', reports: 'all' },
    fieldRules: { phone: 'mask', email: 'mask', address: 'mask', id_number: 'hide' },
  },
  {
    code: 'trainer',
    name: '培训',
    description: '组织业务知识与沟通技巧培训，维护知识库，跟进培训效果',
    permissions: ['org.departments.read', 'org.users.read', 'kb.read', 'kb.manage', 'calls.monitor', 'reports.read'],
    scopes: { users: 'all', calls: 'all', reports: 'all' },
    fieldRules: { phone: 'mask', email: 'mask', address: 'hide', id_number: 'hide' },
  },
  {
    code: 'tech_support',
    name: '技术支持',
    description: '处理技术类工单，提供安装调试与技术指导，维护技术知识库',
    permissions: ['customers.read', 'tickets.read', 'tickets.create', 'tickets.update', 'kb.read', 'kb.manage', 'calls.handle'],
    scopes: { customers: 'all', tickets: 'department', calls: 'self', users: 'self', reports: 'self' },
    fieldRules: { phone: 'mask', email: 'mask', address: 'mask', id_number: 'hide' },
  },
  {
    code: 'after_sales',
    name: '售后',
    description: '处理维修、退换货与售后投诉，跟踪回访',
    permissions: ['customers.read', 'customers.update', 'tickets.read', 'tickets.create', 'tickets.update', 'complaints.handle', 'kb.read', 'calls.handle'],
    scopes: { customers: 'department', tickets: 'department', calls: 'self', users: 'self', reports: 'self' },
    fieldRules: { phone: 'mask', email: 'mask', address: 'show', id_number: 'hide' },
  },
  {
    code: 'crm_specialist',
    name: '客户关系管理专员',
    description: '维护客户档案与大客户关系，制定关怀计划，分析客户价值与流失',
    permissions: [
      'customers.read', 'customers.create', 'customers.update', 'customers.merge', 'customers.transfer', 'customers.import',
      'tickets.read', 'kb.read', 'reports.read', 'pii.reveal', 'data.export',
    ],
    scopes: { customers: 'all', tickets: 'department', calls: 'self', users: 'self', reports: 'department' },
    fieldRules: { phone: 'mask', email: 'mask', address: 'mask', id_number: 'mask' },
  },
];

export type DemoUser = {
  username: string;
  displayName: string;
  /** Department code; null = the root department (客服中心). */
  department: string | null;
  position: string;
  roles: string[];
  phone: string;
  skills: string[];
};

export const DEMO_USERS: DemoUser[] = [
  { username: 'wangjianguo', displayName: '王建国', department: null, position: 'CS_MANAGER', roles: ['cs_manager'], phone: '13901012345', skills: ['普通话', '投诉处理', '服务标准'] },
  { username: 'lina', displayName: '李娜', department: 'CALL_TEAM_1', position: 'TEAM_LEAD', roles: ['team_lead'], phone: '13810023456', skills: ['普通话', '话务统计', '投诉处理'] },
  { username: 'zhangwei', displayName: '张伟', department: 'CALL_TEAM_1', position: 'CS_AGENT', roles: ['agent'], phone: '13812345678', skills: ['普通话', '产品咨询'] },
  { username: 'liuyang', displayName: '刘洋', department: 'CALL_TEAM_1', position: 'CS_AGENT', roles: ['agent'], phone: '15001234567', skills: ['普通话', '宽带故障'] },
  { username: 'chenjing', displayName: '陈静', department: 'CALL_TEAM_2', position: 'TEAM_LEAD', roles: ['team_lead'], phone: '13698765432', skills: ['普通话', '粤语', '话务统计'] },
  { username: 'yangfan', displayName: '杨帆', department: 'CALL_TEAM_2', position: 'CS_AGENT', roles: ['agent'], phone: '18611112222', skills: ['普通话', '英语'] },
  { username: 'guoting', displayName: '郭婷', department: 'CALL_TEAM_2', position: 'CS_AGENT', roles: ['agent'], phone: '17721346578', skills: ['普通话', '账单查询'] },
  { username: 'huangxiaoyan', displayName: '黄晓燕', department: 'ONLINE', position: 'TEAM_LEAD', roles: ['team_lead'], phone: '13567890123', skills: ['在线客服', '投诉处理'] },
  { username: 'zhaomin', displayName: '赵敏', department: 'ONLINE', position: 'CS_AGENT', roles: ['agent'], phone: '15867453210', skills: ['在线客服', '英语'] },
  { username: 'zhoujie', displayName: '周杰', department: 'AFTER_SALES', position: 'AFTER_SALES', roles: ['after_sales'], phone: '13923456781', skills: ['退换货', '上门维修'] },
  { username: 'wulei', displayName: '吴磊', department: 'AFTER_SALES', position: 'AFTER_SALES', roles: ['after_sales'], phone: '18998765401', skills: ['安装调试', '退换货'] },
  { username: 'sunhao', displayName: '孙浩', department: 'TECH_SUPPORT', position: 'TECH_SUPPORT', roles: ['tech_support'], phone: '13145678902', skills: ['网络故障', '系统集成'] },
  { username: 'xuli', displayName: '徐丽', department: 'KEY_ACCOUNTS', position: 'CRM_SPECIALIST', roles: ['crm_specialist'], phone: '13788990011', skills: ['大客户维护', '数据分析'] },
  { username: 'machao', displayName: '马超', department: 'KEY_ACCOUNTS', position: 'CRM_SPECIALIST', roles: ['crm_specialist'], phone: '15210203040', skills: ['客户关怀', '商务谈判'] },
  { username: 'zhulin', displayName: '朱琳', department: 'QA', position: 'QA_INSPECTOR', roles: ['qa'], phone: '13033445566', skills: ['录音质检', '服务标准'] },
  { username: 'humin', displayName: '胡敏', department: null, position: 'TRAINER', roles: ['trainer'], phone: '18502468135', skills: ['培训授课', '服务礼仪'] },
];
