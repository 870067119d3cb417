import type { Actor } from '../../../platform/actor.js';
import { presentField } from '../../../platform/access.js';
import type { CryptoHost } from '../../../platform/crypto.js';
import type { CustomerCtx } from '../customers.common.js';
import { presentIdNumber } from '../customers.presenter.js';
import type { CustomerWithRefs } from '../customers.repo.js';
import type { PhoneEntry } from '../customers.tables.js';
import { regionLabel } from '../../regions/regions.data.js';
import { compareCustomers, type FieldComparison, type MergeRow } from './merge-fields.js';
import { mergeParticipants } from './merge-participants.js';
import type { MergePreview } from './merge.schema.js';
import { assertMergeable, loadPairInScope } from './merge.service.js';

type Row = CustomerWithRefs;

const presentPhones = (actor: Actor, phones: unknown) => ((phones ?? []) as PhoneEntry[]).map((p) => ({ value: presentField(actor, 'phone', p.value), kind: p.kind, label: p.label ?? null }));

/**
 * A field's value as the viewer may see it: personal data through their field rules (the raw
 * values never leave the server), regions as their label, the owner with their name.
 */
async function presentValue(host: CryptoHost, actor: Actor, field: string, value: unknown, row: Row): Promise<unknown> {
  switch (field) {
    case 'phones':
      return presentPhones(actor, value);
    case 'email':
    case 'address':
      return presentField(actor, field, value as string | null);
    case 'idNumber':
      return presentIdNumber(host, actor, row);
    case 'region': {
      const v = value as { province_code: string | null; city_code: string | null; district_code: string | null };
      return regionLabel({ provinceCode: v.province_code, cityCode: v.city_code, districtCode: v.district_code });
    }
    case 'owner':
      return (value as { owner_id: string | null }).owner_id ? { id: (value as { owner_id: string }).owner_id, name: row.owner_name } : null;
    case 'registeredCapitalFen':
      return value === null ? null : Number(value);
    default:
      return value ?? null;
  }
}

async function presentComparison(host: CryptoHost, actor: Actor, c: FieldComparison, s: Row, m: Row) {
  return {
    field: c.field,
    survivor: await presentValue(host, actor, c.field, c.survivor, s),
    merged: await presentValue(host, actor, c.field, c.merged, m),
    same: c.same,
    suggested: c.suggested,
    options: c.options,
    ...(c.union === undefined ? {} : { union: c.field === 'phones' ? presentPhones(actor, c.union) : c.union }),
    ...(c.overLimit ? { overLimit: true } : {}),
  };
}

const party = (r: Row) => ({ id: r.id, name: r.name, kind: r.kind, version: r.version, ownerName: r.owner_name, createdAt: new Date(r.created_at).toISOString() });

/**
 * What merging `mergedId` into `survivorId` would do: every card field side by side with the
 * suggested choice, and how many related records each participant would move.
 */
export async function previewMerge(ctx: CustomerCtx, survivorId: string, mergedId: string): Promise<MergePreview> {
  const { kefu, actor } = ctx;
  const { survivor, merged } = await loadPairInScope(ctx, survivorId, mergedId);
  assertMergeable(survivor);
  assertMergeable(merged);
  const comparisons = compareCustomers(survivor as unknown as MergeRow, merged as unknown as MergeRow);
  const fields = [];
  for (const c of comparisons) fields.push(await presentComparison(kefu, actor, c, survivor, merged));
  const related = [];
  for (const p of mergeParticipants()) related.push({ name: p.name, count: p.count ? await p.count(kefu.db, actor.orgId, mergedId) : null });
  const warnings: string[] = [];
  if (survivor.kind !== merged.kind) warnings.push('kind_differs');
  for (const c of comparisons) if (c.overLimit) warnings.push(`${c.field}_over_limit`);
  return { survivor: party(survivor), merged: party(merged), fields, related, warnings };
}
