import type { CustomFieldDef } from '../../../../shared/custom-fields.js';
import type { LifecycleStatus } from '../../../../shared/customers.js';
import { cleanText, codePointLength } from '../../../../shared/text-clean.js';
import { type Locale, t } from '../../../platform/i18n.js';
import { findRegionByName, type RegionCodes } from '../../regions/regions.data.js';
import type { CustomerInput } from '../customer-input.js';
import type { Mapping } from './column-mapping.js';
import { type EnumField, enumLabels, parseAmountFen, parseBoolean, parseDay, parseEnum, splitList, splitPhones } from './import-values.js';

/**
 * One spreadsheet row → the input of `normalizeCustomerInput`, plus the problems only a
 * spreadsheet has (labels that name no enum value, unreadable dates, unknown owners and
 * regions). Remembers which header each input field came from, so every problem the
 * normalizer reports can name its column. Pure: the staff directory is passed in.
 */

export type RowProblem = { column: string | null; code: string; message: string };
export type StaffUser = { id: string; username: string; display_name: string; department_id: string | null };
export type OwnerLookup = { user: StaffUser } | { code: 'unknown_owner' | 'ambiguous_owner' };

export type ConvertedRow = {
  input: CustomerInput;
  kind: 'individual' | 'organization';
  /** The file named the kind (else it was inferred, and an update must not change it). */
  kindGiven: boolean;
  status?: LifecycleStatus;
  owner?: { user: StaffUser; header: string; text: string };
  /** normalizer field (`name`, `phones.1.value`, `custom.level`) → header it was read from */
  sources: Map<string, string>;
  problems: RowProblem[];
};

export type Column = { index: number; header: string; target: string };
export type RowPlan = { columns: Column[]; customDefs: readonly CustomFieldDef[]; owners: (text: string) => OwnerLookup; locale: Locale };

/** The mapped columns of a file, in file order. */
export function planColumns(headers: readonly string[], mapping: Mapping): Column[] {
  return headers.map((header, index) => ({ index, header, target: mapping[header] ?? '' })).filter((c) => c.target !== '' && c.target !== 'ignore');
}

/** Staff by username (case-insensitive) first, then by display name; a name two people share is ambiguous. */
export function ownerDirectory(users: readonly StaffUser[]): (text: string) => OwnerLookup {
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const byName = new Map<string, StaffUser[]>();
  for (const u of users) {
    const key = cleanText(u.display_name);
    byName.set(key, [...(byName.get(key) ?? []), u]);
  }
  return (text) => {
    const v = cleanText(text);
    const user = byUsername.get(v.toLowerCase());
    if (user) return { user };
    const named = byName.get(v) ?? [];
    if (named.length === 1) return { user: named[0] };
    return { code: named.length > 1 ? 'ambiguous_owner' : 'unknown_owner' };
  };
}

// The wire contract's limits (shared/customers.ts) for text the normalizer does not bound.
const MAX_LENGTH: Record<string, number> = { nameEn: 128, email: 254, wechat: 64, address: 200, company: 128, jobTitle: 64, industry: 64, legalRep: 64, remark: 4000, creditCode: 40, idNumber: 40 };
const TEXT_TARGETS = new Set(['name', 'nameEn', 'email', 'wechat', 'address', 'company', 'jobTitle', 'industry', 'legalRep', 'remark', 'creditCode', 'idNumber']);
const REGION_CODE = /^\d{2}(?:\d{2}){0,2}$/;

// A customer list names the same few hundred places over and over; reading one costs ~50 µs.
const regionMemo = new Map<string, RegionCodes | null>();

function regionOf(text: string): RegionCodes | null {
  const v = cleanText(text);
  // Codes as they are (44 / 4403 / 440305): the normalizer checks them.
  if (REGION_CODE.test(v)) return { provinceCode: v.slice(0, 2), cityCode: v.length >= 4 ? v.slice(0, 4) : null, districtCode: v.length === 6 ? v : null };
  let codes = regionMemo.get(v);
  if (codes === undefined) {
    codes = findRegionByName(v);
    if (regionMemo.size > 50_000) regionMemo.clear();
    regionMemo.set(v, codes);
  }
  return codes;
}

function customValue(def: CustomFieldDef, text: string): unknown {
  const option = (item: string) => {
    const key = cleanText(item).toLowerCase();
    return def.options?.find((o) => [o.value, o.label, o.labelEn ?? ''].some((l) => l && cleanText(l).toLowerCase() === key))?.value ?? item;
  };
  switch (def.type) {
    case 'select':
      return option(text);
    case 'multiselect':
      return splitList(text).map(option);
    case 'boolean':
      return parseBoolean(text) ?? text;
    case 'date':
      return parseDay(text) ?? text;
    default:
      // number: the validator parses numeric text; text: as is
      return text;
  }
}

/** Converts one row; empty cells are "not given", so an update never blanks a field. */
export function convertRow(plan: RowPlan, cells: readonly string[]): ConvertedRow {
  const { locale } = plan;
  const input: CustomerInput & Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const problems: RowProblem[] = [];
  const say = (column: string | null, code: string, params: Record<string, unknown> = {}) =>
    problems.push({ column, code, message: t(locale, `customerImport.problems.${code}`, params) });
  const phones: { value: string; header: string }[] = [];
  const tags: string[] = [];
  const regionParts: { header: string; text: string }[] = [];
  let region: { header: string; text: string } | null = null;
  let kindText: { header: string; text: string } | null = null;
  let status: LifecycleStatus | undefined;
  let owner: ConvertedRow['owner'];
  const custom: Record<string, unknown> = {};
  let tagHeader: string | null = null;

  for (const col of plan.columns) {
    const { header, target } = col;
    // An empty name or required custom value is reported at its column too.
    if ((TEXT_TARGETS.has(target) || target.startsWith('custom.')) && !sources.has(target)) sources.set(target, header);
    const raw = cells[col.index] ?? '';
    // Cleaned once here (full-width folded, zero-width characters gone); the normalizer's own cleaning is then a no-op.
    const text = raw === '' ? '' : cleanText(raw);
    if (text === '') continue;
    if (TEXT_TARGETS.has(target)) {
      const max = MAX_LENGTH[target];
      if (max !== undefined && codePointLength(text) > max) say(header, 'too_long', { max });
      else {
        // A remark keeps its line breaks (the normalizer only trims it); other text goes in cleaned.
        input[target] = target === 'remark' ? raw.trim() : text;
        sources.set(target, header);
      }
      continue;
    }
    if (target.startsWith('custom.')) {
      const def = plan.customDefs.find((d) => d.key === target.slice(7));
      if (def) {
        custom[def.key] = customValue(def, text);
        sources.set(`custom.${def.key}`, header);
      }
      continue;
    }
    switch (target) {
      case 'phone':
        for (const value of splitPhones(text)) phones.push({ value, header });
        break;
      case 'tags':
        tagHeader ??= header;
        tags.push(...splitList(text));
        break;
      case 'region':
        region = { header, text };
        break;
      case 'province':
      case 'city':
      case 'district':
        regionParts.push({ header, text });
        break;
      case 'kind':
        kindText = { header, text };
        break;
      case 'birthday': {
        const day = parseDay(text);
        if (day) {
          input.birthday = day;
          sources.set('birthday', header);
        } else say(header, 'invalid_date', { value: text });
        break;
      }
      case 'owner': {
        const found = plan.owners(text);
        if ('user' in found) owner = { user: found.user, header, text };
        else say(header, found.code, { value: text });
        break;
      }
      case 'lifecycleStatus': {
        const code = parseEnum('lifecycleStatus', text);
        if (code) {
          status = code as LifecycleStatus;
          sources.set('lifecycleStatus', header);
        } else say(header, 'unknown_status', { value: text, allowed: enumLabels('lifecycleStatus', locale) });
        break;
      }
      case 'isInternal': {
        const value = parseBoolean(text);
        if (value === null) say(header, 'invalid_boolean', { value: text });
        else input.isInternal = value;
        break;
      }
      case 'registeredCapital': {
        const fen = parseAmountFen(text, /万/.test(header));
        if (fen === null) say(header, 'invalid_number', { value: text });
        else input.registeredCapitalFen = fen;
        break;
      }
      default: {
        // gender, sourceChannel, companySize and the three classifications
        const field = target as EnumField;
        const code = parseEnum(field, text);
        if (code) (input as Record<string, unknown>)[field] = code;
        else if (field === 'gender') say(header, 'unknown_gender', { value: text });
        else say(header, field === 'sourceChannel' ? 'unknown_source' : 'unknown_option', { value: text, allowed: enumLabels(field, locale) });
      }
    }
  }

  if (phones.length > 5) say(phones[5].header, 'too_many_phones');
  else if (phones.length > 0) {
    input.phones = phones.map((p) => ({ value: p.value }));
    phones.forEach((p, i) => sources.set(`phones.${i}.value`, p.header));
  }
  if (tags.length > 0) {
    const unique = [...new Set(tags)];
    if (unique.length > 30) say(tagHeader, 'too_many_tags');
    else if (unique.some((tag) => [...tag].length > 20)) say(tagHeader, 'too_long', { max: 20 });
    else input.tags = unique;
  }

  const regionText = region ?? (regionParts.length > 0 ? { header: regionParts[0].header, text: regionParts.map((p) => p.text).join(' ') } : null);
  if (regionText) {
    const codes = regionOf(regionText.text);
    if (!codes) say(regionText.header, 'unknown_region', { value: regionText.text });
    else {
      Object.assign(input, codes);
      for (const f of ['provinceCode', 'cityCode', 'districtCode']) sources.set(f, regionText.header);
    }
  } else if (typeof input.address === 'string') {
    // No region column: an address that starts with one (广东省深圳市南山区科技园…) fills it.
    const codes = regionOf(input.address);
    if (codes) Object.assign(input, codes);
  }

  let kind: ConvertedRow['kind'] = input.creditCode ? 'organization' : 'individual';
  let kindGiven = false;
  if (kindText) {
    const code = parseEnum('kind', kindText.text);
    if (code) {
      kind = code as ConvertedRow['kind'];
      kindGiven = true;
    } else say(kindText.header, 'unknown_kind', { value: kindText.text });
  }
  input.kind = kind;
  if (Object.keys(custom).length > 0) input.custom = custom;
  return { input, kind, kindGiven, status, owner, sources, problems };
}

/** The header a normalizer problem belongs to: the exact field, else its first segment. */
export function columnOf(sources: Map<string, string>, field: string): string | null {
  return sources.get(field) ?? sources.get(field.split('.')[0]) ?? null;
}
