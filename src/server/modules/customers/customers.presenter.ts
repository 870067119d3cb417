import type { Actor } from '../../platform/actor.js';
import { fieldRule, presentField } from '../../platform/access.js';
import { decryptSecret, type CryptoHost } from '../../platform/crypto.js';
import type { CustomerView } from '../../../shared/customers.js';
import { regionLabel } from '../regions/regions.data.js';
import type { CustomerWithRefs } from './customers.repo.js';
import type { PhoneEntry } from './customers.tables.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The ID number as this actor may see it: decrypted only for a `show` rule. */
export async function presentIdNumber(host: CryptoHost, actor: Actor, row: Pick<CustomerWithRefs, 'id_number_enc' | 'id_number_masked'>): Promise<string | null> {
  if (!row.id_number_enc) return null;
  const rule = fieldRule(actor, 'id_number');
  if (rule === 'hide') return null;
  if (rule === 'mask') return row.id_number_masked;
  return decryptSecret(host, row.id_number_enc, 'customer.id_number');
}

/**
 * A customer as the actor may see it: phones, e-mail, street address and ID number through the
 * actor's field rules; which of them are masked or hidden is listed so the UI offers "reveal".
 */
export async function presentCustomer(host: CryptoHost, actor: Actor, row: CustomerWithRefs): Promise<CustomerView> {
  const phones = (row.phones ?? []) as PhoneEntry[];
  const concealed = { masked: new Set<string>(), hidden: new Set<string>() };
  const note = (field: 'phone' | 'email' | 'address' | 'id_number', value: unknown) => {
    if (!value) return;
    const rule = fieldRule(actor, field);
    if (rule === 'mask') concealed.masked.add(field);
    if (rule === 'hide') concealed.hidden.add(field);
  };
  phones.forEach((p) => note('phone', p.value));
  note('email', row.email);
  note('address', row.address);
  note('id_number', row.id_number_enc);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    nameEn: row.name_en,
    gender: row.gender,
    birthday: row.birthday,
    phones: phones.map((p) => ({ value: presentField(actor, 'phone', p.value), kind: p.kind, label: p.label ?? null })),
    email: presentField(actor, 'email', row.email),
    wechat: row.wechat,
    provinceCode: row.province_code,
    cityCode: row.city_code,
    districtCode: row.district_code,
    regionLabel: regionLabel({ provinceCode: row.province_code, cityCode: row.city_code, districtCode: row.district_code }),
    address: presentField(actor, 'address', row.address),
    company: row.company,
    jobTitle: row.job_title,
    creditCode: row.credit_code,
    industry: row.industry,
    companySize: row.company_size as CustomerView['companySize'],
    legalRep: row.legal_rep,
    registeredCapitalFen: row.registered_capital_fen === null ? null : Number(row.registered_capital_fen),
    idNumber: await presentIdNumber(host, actor, row),
    maskedFields: [...concealed.masked],
    hiddenFields: [...concealed.hidden],
    sourceChannel: row.source_channel,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    departmentId: row.department_id,
    lifecycleStatus: row.lifecycle_status,
    classMarketing: row.class_marketing,
    classManagement: row.class_management,
    classProduct: row.class_product,
    isInternal: row.is_internal,
    tags: row.tags,
    custom: row.custom ?? {},
    preferences: (row.preferences ?? {}) as Record<string, string | null>,
    remark: row.remark,
    lastActivityAt: iso(row.last_activity_at),
    mergedIntoId: row.merged_into_id,
    anonymizedAt: iso(row.anonymized_at),
    version: row.version,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** What the audit log keeps of a customer: no ciphertext, the ID number only masked. */
export function customerSnapshot(row: Partial<CustomerWithRefs> & Record<string, unknown>): Record<string, unknown> {
  const { id_number_enc, id_number_hash, search_tokens, owner_name, rank, sort_key, ...rest } = row as Record<string, unknown>;
  void id_number_enc;
  void id_number_hash;
  void search_tokens;
  void owner_name;
  void rank;
  void sort_key;
  // Under the key `phone`, so the audit presenter masks them by the reader's field rules.
  if (typeof rest.phones === 'string') rest.phones = JSON.parse(rest.phones) as unknown;
  if (Array.isArray(rest.phones)) rest.phones = (rest.phones as PhoneEntry[]).map((p) => ({ phone: p.value, kind: p.kind, label: p.label ?? null }));
  return rest;
}
