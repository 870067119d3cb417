import type { NamePath } from 'antd/es/form/interface';
import type { CreateCustomerBody, CustomerView, LifecycleStatus, UpdateCustomerBody } from '../../../shared/customers';
import type { CustomerFieldDef } from './customer-types';
import { regionCodesOf, regionPathOf } from './region-codes';

type Kind = 'individual' | 'organization';
export type Preferences = { likes?: string; habits?: string; needs?: string; contactTime?: string; preferredChannel?: string | null };

/** What the customer form holds (antd-friendly: region as a path, capital in 元). */
export type CustomerFormValues = {
  kind: Kind;
  name: string;
  nameEn?: string;
  gender?: 'male' | 'female' | null;
  birthday?: string | null;
  phones: { value: string; label?: string | null }[];
  email?: string;
  wechat?: string;
  idNumber?: string;
  company?: string;
  jobTitle?: string;
  creditCode?: string;
  industry?: string;
  companySize?: string | null;
  legalRep?: string;
  registeredCapitalYuan?: number | null;
  region?: string[];
  address?: string;
  sourceChannel?: string | null;
  ownerId?: string | null;
  lifecycleStatus?: LifecycleStatus;
  classMarketing?: string | null;
  classManagement?: string | null;
  classProduct?: string | null;
  isInternal: boolean;
  tags: string[];
  custom: Record<string, unknown>;
  preferences: Preferences;
  remark?: string;
};

/** Fields only one kind of customer has; the other kind's form neither shows nor sends them. */
export const INDIVIDUAL_ONLY = ['nameEn', 'gender', 'birthday', 'wechat', 'idNumber', 'company', 'jobTitle'] as const;
export const ORGANIZATION_ONLY = ['creditCode', 'industry', 'companySize', 'legalRep', 'registeredCapitalYuan'] as const;

/** Personal data the viewer sees masked or not at all: the form starts empty and keeps the stored value unless typed over. */
export type Concealed = { phone: boolean; email: boolean; address: boolean; idNumber: boolean };

export function concealedOf(c: CustomerView | null | undefined): Concealed {
  const has = (f: string) => !!c && (c.maskedFields.includes(f) || c.hiddenFields.includes(f));
  return { phone: has('phone'), email: has('email'), address: has('address'), idNumber: has('id_number') };
}

const str = (v: string | null | undefined) => v ?? '';

/** The form's starting values: a blank individual owned by the creator, or the customer as presented. */
export function toFormValues(c: CustomerView | null | undefined, meId: string | undefined): CustomerFormValues {
  if (!c) {
    return { kind: 'individual', name: '', phones: [{ value: '', label: null }], ownerId: meId ?? null, lifecycleStatus: 'potential', isInternal: false, tags: [], custom: {}, preferences: {} };
  }
  const hidden = concealedOf(c);
  return {
    kind: c.kind,
    name: c.name,
    nameEn: str(c.nameEn),
    gender: c.gender,
    birthday: c.birthday,
    phones: hidden.phone ? [] : c.phones.map((p) => ({ value: str(p.value), label: p.label })),
    email: hidden.email ? '' : str(c.email),
    wechat: str(c.wechat),
    idNumber: hidden.idNumber ? '' : str(c.idNumber),
    company: str(c.company),
    jobTitle: str(c.jobTitle),
    creditCode: str(c.creditCode),
    industry: str(c.industry),
    companySize: c.companySize,
    legalRep: str(c.legalRep),
    registeredCapitalYuan: c.registeredCapitalFen === null ? null : c.registeredCapitalFen / 100,
    region: regionPathOf(c),
    address: hidden.address ? '' : str(c.address),
    sourceChannel: c.sourceChannel,
    ownerId: c.ownerId,
    lifecycleStatus: c.lifecycleStatus,
    classMarketing: c.classMarketing,
    classManagement: c.classManagement,
    classProduct: c.classProduct,
    isInternal: c.isInternal,
    tags: c.tags,
    custom: { ...c.custom },
    preferences: { ...(c.preferences as Preferences) },
    remark: c.remark,
  };
}

const text = (v: string | null | undefined) => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

/** Every wire field of the form, for the customer's kind. */
function wireFields(v: CustomerFormValues, defs: CustomerFieldDef[]): Record<string, unknown> {
  const region = regionCodesOf(v.region);
  const activeKeys = new Set(defs.filter((d) => d.active).map((d) => d.key));
  const custom: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v.custom ?? {})) {
    if (!activeKeys.has(k)) continue;
    custom[k] = val === undefined || val === '' || (Array.isArray(val) && val.length === 0) ? null : val;
  }
  const prefs = v.preferences ?? {};
  const out: Record<string, unknown> = {
    kind: v.kind,
    name: (v.name ?? '').trim(),
    nameEn: text(v.nameEn),
    gender: v.gender ?? null,
    birthday: v.birthday || null,
    phones: (v.phones ?? []).filter((p) => (p?.value ?? '').trim() !== '').map((p) => ({ value: p.value.trim(), label: text(p.label) })),
    email: text(v.email),
    wechat: text(v.wechat),
    idNumber: text(v.idNumber),
    company: text(v.company),
    jobTitle: text(v.jobTitle),
    creditCode: text(v.creditCode),
    industry: text(v.industry),
    companySize: v.companySize ?? null,
    legalRep: text(v.legalRep),
    registeredCapitalFen: v.registeredCapitalYuan === null || v.registeredCapitalYuan === undefined ? null : Math.round(v.registeredCapitalYuan * 100),
    provinceCode: region.provinceCode,
    cityCode: region.cityCode,
    districtCode: region.districtCode,
    address: text(v.address),
    sourceChannel: v.sourceChannel ?? null,
    ownerId: v.ownerId ?? null,
    classMarketing: v.classMarketing ?? null,
    classManagement: v.classManagement ?? null,
    classProduct: v.classProduct ?? null,
    isInternal: !!v.isInternal,
    tags: (v.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    custom,
    preferences: {
      likes: text(prefs.likes),
      habits: text(prefs.habits),
      needs: text(prefs.needs),
      contactTime: text(prefs.contactTime),
      preferredChannel: text(prefs.preferredChannel),
    },
    remark: (v.remark ?? '').trim(),
  };
  const other = v.kind === 'individual' ? ORGANIZATION_ONLY : INDIVIDUAL_ONLY;
  for (const f of other) delete out[f === 'registeredCapitalYuan' ? 'registeredCapitalFen' : f];
  return out;
}

/** The POST body of a new customer (empty optional fields left out). */
export function toCreateBody(v: CustomerFormValues, defs: CustomerFieldDef[]): CreateCustomerBody {
  const fields = wireFields(v, defs);
  const body: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(fields)) if (val !== null) body[k] = val;
  body.custom = Object.fromEntries(Object.entries(fields.custom as Record<string, unknown>).filter(([, val]) => val !== null));
  if (v.lifecycleStatus) body.lifecycleStatus = v.lifecycleStatus;
  if (!body.ownerId) delete body.ownerId;
  return body as CreateCustomerBody;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The PATCH body: only what changed since the form opened, so the history shows real changes.
 * Masked personal data the user did not type over is never sent back (it would overwrite the
 * stored value with `138****5678`); phones are sent when the user chose to replace them.
 */
export function toPatchBody(initial: CustomerFormValues, v: CustomerFormValues, defs: CustomerFieldDef[], opts: { concealed: Concealed; replacePhones: boolean }): UpdateCustomerBody {
  const before = wireFields({ ...initial, kind: v.kind }, defs);
  const after = wireFields(v, defs);
  const body: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(after)) {
    if (k === 'custom') {
      const changed = Object.fromEntries(Object.entries(val as Record<string, unknown>).filter(([ck, cv]) => !same((before.custom as Record<string, unknown>)[ck], cv)));
      if (Object.keys(changed).length > 0) body.custom = changed;
      continue;
    }
    if (!same(before[k], val)) body[k] = val;
  }
  if (v.kind !== initial.kind) body.kind = v.kind;
  const c = opts.concealed;
  if (c.phone && !opts.replacePhones) delete body.phones;
  if (c.email && !text(v.email)) delete body.email;
  if (c.address && !text(v.address)) delete body.address;
  if (c.idNumber && !text(v.idNumber)) delete body.idNumber;
  // the name is required: an untouched one is not sent, a cleared one is (and refused with its message)
  return body as UpdateCustomerBody;
}

/** Where a server field (`phones.0.value`, `provinceCode`, `custom.level`) sits in the form. */
export function formPathOf(path: (string | number)[]): NamePath {
  const [head, ...rest] = path.map(String);
  if (head === 'provinceCode' || head === 'cityCode' || head === 'districtCode') return ['region'];
  if (head === 'registeredCapitalFen') return ['registeredCapitalYuan'];
  if (head === 'phones' && rest.length > 0) return ['phones', Number(rest[0]), 'value'];
  if ((head === 'custom' || head === 'preferences') && rest.length > 0) return [head, rest[0]];
  return [head];
}

/** The field messages of a failed save: `[{ path: ['body', field, …], message }]` (400 validation, 403 owner out of scope). */
export function serverFieldErrors(err: unknown): { name: NamePath; message: string }[] {
  const details = (err as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return [];
  const out: { name: NamePath; message: string }[] = [];
  for (const d of details as { path?: (string | number)[]; message?: string }[]) {
    if (!d.path || !d.message) continue;
    const path = d.path[0] === 'body' ? d.path.slice(1) : d.path;
    if (path.length === 0) continue;
    out.push({ name: formPathOf(path), message: d.message });
  }
  return out;
}
