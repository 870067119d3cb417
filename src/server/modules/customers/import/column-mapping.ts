import { type CustomFieldDef } from '../../../../shared/custom-fields.js';
import { cleanText } from '../../../../shared/text-clean.js';
import { type Locale, t } from '../../../platform/i18n.js';

/** What a column of an import file can fill. `custom.<key>` names a custom field. */
export const IMPORT_TARGETS = [
  'name', 'nameEn', 'kind', 'gender', 'birthday', 'phone', 'email', 'wechat', 'region', 'province', 'city', 'district',
  'address', 'company', 'jobTitle', 'industry', 'companySize', 'legalRep', 'registeredCapital', 'creditCode', 'idNumber',
  'sourceChannel', 'owner', 'tags', 'lifecycleStatus', 'classMarketing', 'classManagement', 'classProduct', 'isInternal',
  'remark',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
/** header text → target; headers absent from the mapping are ignored. */
export type Mapping = Record<string, string>;

/** Targets that several columns may feed (a file with 手机 and 座机 columns). */
const MULTI: ReadonlySet<string> = new Set(['phone', 'tags']);

// Header spellings seen in Chinese CRM and Excel exports, compared after headerKey().
// The field labels of both catalogues are added below, so an export re-imports as is.
const SYNONYMS: Record<ImportTarget, string[]> = {
  name: ['姓名', '客户名称', '客户姓名', '客户名', '名称', '客户', '企业名称', '单位名称', '机构名称', 'name', 'customer', 'customername', 'fullname'],
  nameEn: ['英文名', '英文名称', '英文姓名', 'englishname', 'nameen'],
  kind: ['类型', '客户类型', '客户类别', '类别', 'kind', 'type', 'customertype'],
  gender: ['性别', 'gender', 'sex'],
  birthday: ['生日', '出生日期', '出生年月日', 'birthday', 'birthdate', 'dateofbirth', 'dob'],
  phone: ['手机', '手机号', '手机号码', '电话', '电话号码', '联系电话', '联系方式', '移动电话', '座机', '固定电话', '固话', '办公电话', 'mobile', 'phone', 'tel', 'telephone', 'phonenumber', 'mobilephone', 'cellphone', 'mobilenumber'],
  email: ['邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址', 'email', 'e-mail', 'mail', 'emailaddress'],
  wechat: ['微信', '微信号', 'wechat', 'weixin', 'wechatid'],
  region: ['所在地区', '地区', '区域', '省市区', '所在地', '省市', 'region', 'area', 'location'],
  province: ['省', '省份', '所在省份', '所在省', 'province', 'state'],
  city: ['市', '城市', '所在城市', '地级市', 'city'],
  district: ['区', '区县', '县区', '区/县', '县', 'district', 'county'],
  address: ['地址', '详细地址', '联系地址', '通讯地址', '住址', '街道地址', '家庭住址', '办公地址', 'address', 'streetaddress'],
  company: ['公司', '公司名称', '工作单位', '单位', '所在公司', '所属公司', 'company', 'companyname', 'employer'],
  jobTitle: ['职务', '职位', '岗位', '头衔', '职称', 'title', 'jobtitle', 'position'],
  industry: ['行业', '所属行业', 'industry'],
  companySize: ['规模', '企业规模', '公司规模', '人员规模', 'size', 'companysize'],
  legalRep: ['法定代表人', '法人', '法人代表', 'legalrepresentative', 'legalrep'],
  registeredCapital: ['注册资本', '注册资金', 'registeredcapital'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', '社会统一信用代码', '税号', 'creditcode', 'uscc', 'unifiedsocialcreditcode'],
  idNumber: ['身份证', '身份证号', '身份证号码', '证件号', '证件号码', '身份证件号码', 'idnumber', 'idcard', 'idno', 'idcardnumber'],
  sourceChannel: ['来源', '客户来源', '来源渠道', '渠道', '获客渠道', 'source', 'channel', 'sourcechannel'],
  owner: ['负责人', '客户经理', '归属人', '所属人', '跟进人', '业务员', '销售', '所属员工', 'owner', 'accountmanager', 'manager', 'salesrep'],
  tags: ['标签', '客户标签', 'tags', 'tag', 'labels'],
  lifecycleStatus: ['状态', '客户状态', '生命周期', '生命周期状态', '客户阶段', 'status', 'lifecyclestatus', 'lifecycle', 'stage'],
  classMarketing: ['营销分类', '营销类型', 'classmarketing'],
  classManagement: ['管理分类', '管理类型', 'classmanagement'],
  classProduct: ['产品关系', '产品关系分类', 'classproduct'],
  isInternal: ['内部客户', '是否内部客户', 'internal', 'isinternal'],
  remark: ['备注', '说明', '备注信息', '描述', 'remark', 'remarks', 'note', 'notes', 'comment', 'comments', 'description'],
};

/**
 * A header as compared: full-width folded, lower case, a bracketed note (（必填）, (万元)) and
 * marks such as * and : removed, spaces and separators dropped.
 */
export function headerKey(header: string): string {
  return cleanText(header)
    .toLowerCase()
    .replace(/[(（[【<《].*?[)）\]】>》]/g, '')
    .replace(/[\s*:：_.·'"’]/g, '')
    .replace(/^-+|-+$/g, '');
}

let synonymIndex: Map<string, ImportTarget> | null = null;

function synonyms(): Map<string, ImportTarget> {
  if (synonymIndex) return synonymIndex;
  const index = new Map<string, ImportTarget>();
  for (const target of IMPORT_TARGETS) {
    const labels = (['zh-CN', 'en'] as Locale[]).map((l) => t(l, `customerImport.fields.${target}`));
    for (const s of [...SYNONYMS[target], ...labels]) {
      const key = headerKey(s);
      if (key && !index.has(key)) index.set(key, target);
    }
  }
  synonymIndex = index;
  return index;
}

/** The target a header most likely means: a custom field by label or key first, then the built-in synonyms. */
export function targetOfHeader(header: string, customDefs: readonly CustomFieldDef[]): string | null {
  const key = headerKey(header);
  if (!key) return null;
  const custom = customDefs.find((d) => d.active !== false && [d.label, d.labelEn ?? '', d.key].some((l) => l && headerKey(l) === key));
  if (custom) return `custom.${custom.key}`;
  return synonyms().get(key) ?? null;
}

/**
 * The suggested mapping of a file's headers: each header to the target it names, a target
 * taken by the first header that names it (phones and tags may come from several columns).
 */
export function suggestMapping(headers: readonly string[], customDefs: readonly CustomFieldDef[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<string>();
  for (const header of headers) {
    const target = targetOfHeader(header, customDefs);
    if (!target || (taken.has(target) && !MULTI.has(target))) continue;
    taken.add(target);
    mapping[header] = target;
  }
  return mapping;
}

export type MappingProblem = { header: string; code: 'unknown_header' | 'unknown_target' | 'duplicate_target' | 'missing_name'; message: string };

/** Checks a mapping a person chose: known headers, known targets, one column per single-valued target, a name column. */
export function checkMapping(mapping: Mapping, headers: readonly string[], customDefs: readonly CustomFieldDef[], locale: Locale): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const known = new Set(headers);
  const customKeys = new Set(customDefs.filter((d) => d.active !== false).map((d) => d.key));
  const firstOf = new Map<string, string>();
  const say = (header: string, code: MappingProblem['code'], params: Record<string, unknown>) =>
    problems.push({ header, code, message: t(locale, `customerImport.mapping.${code}`, params) });
  for (const [header, target] of Object.entries(mapping)) {
    if (!known.has(header)) say(header, 'unknown_header', { header });
    if (target === '' || target === 'ignore') continue;
    const valid = (IMPORT_TARGETS as readonly string[]).includes(target) || (target.startsWith('custom.') && customKeys.has(target.slice(7)));
    if (!valid) {
      say(header, 'unknown_target', { target });
      continue;
    }
    const other = firstOf.get(target);
    if (other !== undefined && !MULTI.has(target)) say(header, 'duplicate_target', { target: targetLabel(target, customDefs, locale), other });
    else firstOf.set(target, header);
  }
  if (!firstOf.has('name')) say('', 'missing_name', {});
  return problems;
}

/** A target as people read it: the field label, or the custom field's label. */
export function targetLabel(target: string, customDefs: readonly CustomFieldDef[], locale: Locale): string {
  if (target.startsWith('custom.')) {
    const def = customDefs.find((d) => d.key === target.slice(7));
    return def ? (locale === 'en' ? def.labelEn || def.label : def.label) : target;
  }
  return t(locale, `customerImport.fields.${target}`);
}

/** Drops ignored entries, so the stored mapping holds only what is imported. */
export function compactMapping(mapping: Mapping): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, target]) => target !== '' && target !== 'ignore'));
}
