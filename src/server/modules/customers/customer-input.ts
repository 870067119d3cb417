import type { Insertable } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { blindIndex, encryptSecret, type CryptoHost } from '../../platform/crypto.js';
import { type CustomFieldDef, validateCustomValues } from '../../../shared/custom-fields.js';
import { parseCnIdNumber } from '../../../shared/cn-id-number.js';
import { parseCreditCode } from '../../../shared/credit-code.js';
import type { CreateCustomerBody } from '../../../shared/customers.js';
import { maskField } from '../../../shared/masking.js';
import { normalizeCnPhone } from '../../../shared/phone.js';
import { cleanText, validateOrgName, validatePersonName } from '../../../shared/text-clean.js';
import { checkRegion } from '../regions/regions.data.js';
import { type FieldProblem, problem } from './customers.common.js';
import type { CustomersTable, PhoneEntry } from './customers.tables.js';

export type CustomerInput = Partial<Omit<CreateCustomerBody, 'allowDuplicate'>>;
export type CustomerColumns = Partial<Insertable<CustomersTable>>;
export type NormalizedCustomer = { values: CustomerColumns; problems: FieldProblem[] };

type Who = Pick<Actor, 'locale'>;
const EMAIL = z.email();
// WeChat IDs: letters, digits, - and _; old accounts may be a phone or QQ number. No spaces.
const WECHAT = /^[A-Za-z0-9_-]{1,64}$/;

/** Optional free text: cleaned, '' → null, undefined stays undefined (not given). */
function optional(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
}

function checkName(who: Who, kind: 'individual' | 'organization', name: string, out: FieldProblem[]): string | undefined {
  const result = kind === 'organization' ? validateOrgName(name) : validatePersonName(name);
  if (result.ok) return result.value;
  out.push(problem(who, 'name', `name_${result.code}`));
  return undefined;
}

function checkPhones(who: Who, phones: CustomerInput['phones'], out: FieldProblem[]): PhoneEntry[] | undefined {
  if (phones === undefined) return undefined;
  const seen = new Set<string>();
  const result: PhoneEntry[] = [];
  phones.forEach((p, i) => {
    const normalized = normalizeCnPhone(p.value);
    if (!normalized) {
      out.push(problem(who, `phones.${i}.value`, 'invalid_phone_number', { value: p.value }));
      return;
    }
    if (seen.has(normalized.value)) return;
    seen.add(normalized.value);
    result.push({ value: normalized.value, kind: normalized.kind, label: optional(p.label) ?? null });
  });
  return result;
}

function checkBirthday(who: Who, value: string | null | undefined, today: Date, out: FieldProblem[]): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || value < '1900-01-01' || date > today) {
    out.push(problem(who, 'birthday', 'invalid_birthday'));
    return undefined;
  }
  return value;
}

/**
 * Cleans and validates the fields of a customer as typed by a person or read from a spreadsheet:
 * names (no emoji, 𠮷 is fine), phones to normalized form, e-mail, region codes, 统一社会信用代码,
 * ID number (encrypted, with a keyed hash for duplicates and a masked copy for lists), custom
 * fields. Never throws for bad input: every problem is returned with its field, so a form shows
 * them all at once and an import reports them per row.
 */
export async function normalizeCustomerInput(
  host: CryptoHost,
  who: Who,
  input: CustomerInput,
  opts: { kind: 'individual' | 'organization'; customDefs: readonly CustomFieldDef[]; partial: boolean; today?: Date },
): Promise<NormalizedCustomer> {
  const out: FieldProblem[] = [];
  const v: CustomerColumns = {};
  if (input.kind !== undefined) v.kind = input.kind;
  if (input.name !== undefined) v.name = checkName(who, opts.kind, input.name, out);
  else if (!opts.partial) out.push(problem(who, 'name', 'name_empty'));
  v.name_en = optional(input.nameEn);
  v.gender = input.gender === undefined ? undefined : (input.gender ?? null);
  v.birthday = checkBirthday(who, input.birthday, opts.today ?? new Date(), out);
  const phones = checkPhones(who, input.phones, out);
  // Arrays go to jsonb as JSON text (the driver would send a JS array as a PostgreSQL array).
  if (phones !== undefined) v.phones = JSON.stringify(phones);

  const email = optional(input.email)?.toLowerCase();
  if (email && !EMAIL.safeParse(email).success) out.push(problem(who, 'email', 'invalid_email'));
  else v.email = email;
  const wechat = optional(input.wechat);
  if (wechat && !WECHAT.test(wechat)) out.push(problem(who, 'wechat', 'invalid_wechat'));
  else v.wechat = wechat;

  const region = { provinceCode: optional(input.provinceCode), cityCode: optional(input.cityCode), districtCode: optional(input.districtCode) };
  if (region.provinceCode !== undefined || region.cityCode !== undefined || region.districtCode !== undefined) {
    const checked = checkRegion({ provinceCode: region.provinceCode ?? null, cityCode: region.cityCode ?? null, districtCode: region.districtCode ?? null });
    if (!checked.ok) out.push(problem(who, region.districtCode ? 'districtCode' : region.cityCode ? 'cityCode' : 'provinceCode', `region_${checked.code}`));
    else Object.assign(v, { province_code: region.provinceCode ?? null, city_code: region.cityCode ?? null, district_code: region.districtCode ?? null });
  }
  v.address = optional(input.address);
  v.company = optional(input.company);
  v.job_title = optional(input.jobTitle);
  v.industry = optional(input.industry);
  v.company_size = input.companySize === undefined ? undefined : (input.companySize ?? null);
  v.legal_rep = optional(input.legalRep);
  v.registered_capital_fen = input.registeredCapitalFen === undefined ? undefined : (input.registeredCapitalFen ?? null);

  const creditCode = optional(input.creditCode);
  if (creditCode) {
    const parsed = parseCreditCode(creditCode);
    if (parsed.ok) v.credit_code = parsed.value;
    else out.push(problem(who, 'creditCode', `credit_code_${parsed.code}`));
  } else if (creditCode === null) v.credit_code = null;

  const idNumber = optional(input.idNumber);
  if (idNumber) {
    const parsed = parseCnIdNumber(idNumber, opts.today);
    if (!parsed.ok) out.push(problem(who, 'idNumber', `id_number_${parsed.code}`));
    else {
      v.id_number_enc = await encryptSecret(host, parsed.value, 'customer.id_number');
      v.id_number_hash = await blindIndex(host, parsed.value);
      v.id_number_masked = maskField('id_number', parsed.value);
    }
  } else if (idNumber === null) Object.assign(v, { id_number_enc: null, id_number_hash: null, id_number_masked: null });

  v.source_channel = input.sourceChannel === undefined ? undefined : (input.sourceChannel ?? null);
  v.class_marketing = input.classMarketing === undefined ? undefined : (input.classMarketing ?? null);
  v.class_management = input.classManagement === undefined ? undefined : (input.classManagement ?? null);
  v.class_product = input.classProduct === undefined ? undefined : (input.classProduct ?? null);
  v.is_internal = input.isInternal;
  v.tags = input.tags?.map(cleanText).filter((tag) => tag !== '');
  v.remark = input.remark === undefined ? undefined : input.remark.trim();
  if (input.preferences !== undefined) {
    const prefs = Object.fromEntries(Object.entries(input.preferences).map(([k, val]) => [k, optional(val) ?? null]).filter(([, val]) => val !== null));
    v.preferences = prefs;
  }

  if (input.custom !== undefined || !opts.partial) {
    const custom = validateCustomValues(opts.customDefs, input.custom ?? {}, who.locale, { partial: opts.partial });
    for (const e of custom.errors) out.push({ field: `custom.${e.key}`, code: `custom_${e.code}`, message: e.message });
    // An update names only the keys it changes; the service merges them into the stored values.
    if (custom.ok) v.custom = custom.values;
  }
  // Drop "not given" keys so an update touches only what was sent.
  for (const key of Object.keys(v) as (keyof CustomerColumns)[]) if (v[key] === undefined) delete v[key];
  return { values: v, problems: out };
}
