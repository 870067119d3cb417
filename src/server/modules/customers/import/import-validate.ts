import type { Kysely } from 'kysely';
import type { LifecycleStatus } from '../../../../shared/customers.js';
import { departmentInScope, scopeOf } from '../../../platform/access.js';
import type { Actor } from '../../../platform/actor.js';
import type { CryptoHost } from '../../../platform/crypto.js';
import type { DB } from '../../../platform/db-schema.js';
import { t } from '../../../platform/i18n.js';
import { uuidv7 } from '../../../platform/ids.js';
import { type CustomerColumns, normalizeCustomerInput } from '../customer-input.js';
import type { FieldProblem } from '../customers.common.js';
import type { CustomerRow, PhoneEntry } from '../customers.tables.js';
import { checkImportPhones, normalizePhoneFast } from './import-phones.js';
import { columnOf, type ConvertedRow, convertRow, type RowPlan, type RowProblem, type StaffUser } from './import-row.js';
import type { SheetRow } from './import-parse.js';
import { ProblemLog } from './import-report.js';
import { buildUpdate, type PlannedUpdate } from './import-update.js';
import { type ChunkKeys, findKeyHolders, type KeyHit, type KeyKind, loadForUpdate } from './import.repo.js';

/**
 * Validation of an import, chunk by chunk: every row through the same normalizer as the
 * customer form, then duplicates — against the database (one query per key kind per chunk)
 * and within the file (keys of earlier rows kept in memory). The dry run and the real run
 * use this one class, so what the dry run predicts is what the run does.
 */

export type DuplicateMode = 'skip' | 'update' | 'merge';
export type PlannedCreate = { id: string; row: number; values: CustomerColumns; phones: PhoneEntry[]; status: LifecycleStatus; ownerId: string; departmentId: string | null };
export type ChunkPlan = { creates: PlannedCreate[]; updates: PlannedUpdate[] };
export type ImportCounts = { processed: number; created: number; updated: number; skipped: number; errors: number };

export type ValidatorOptions = {
  host: CryptoHost;
  actor: Actor;
  mode: DuplicateMode;
  plan: RowPlan;
  /** The importer, who owns rows without a 负责人 value. */
  defaultOwner: StaffUser;
  today?: Date;
};

// The header is looked up only when a problem is reported (phones need a second parse for it).
type Key = { kind: KeyKind; value: string; header: () => string | null };
type Item = { row: number; conv: ConvertedRow; values: CustomerColumns; phones: PhoneEntry[]; failed: boolean; keys: Key[] };

export class ImportValidator {
  readonly counts: ImportCounts = { processed: 0, created: 0, updated: 0, skipped: 0, errors: 0 };
  readonly problems = new ProblemLog();
  /** `kind:value` → the row that claimed it (rows to create or update). */
  private readonly fileKeys = new Map<string, number>();
  /** existing customer id → the row that updates it */
  private readonly targeted = new Map<string, number>();
  /** ids given to rows to create: in the run they are in the database for later chunks, yet still "this file". */
  private readonly createdIds = new Set<string>();
  private readonly departmentAllowed = new Map<string | null, boolean>();
  private readonly columnIndex: Map<string, number>;

  constructor(private readonly o: ValidatorOptions) {
    this.columnIndex = new Map(o.plan.columns.map((c) => [c.header, c.index]));
  }

  private position(column: string | null): number {
    return column === null ? Number.MAX_SAFE_INTEGER : (this.columnIndex.get(column) ?? Number.MAX_SAFE_INTEGER);
  }

  private say(row: number, column: string | null, code: string, params: Record<string, unknown> = {}): void {
    this.problems.add({ row, column, code, message: t(this.o.actor.locale, `customerImport.problems.${code}`, params) });
  }

  private async ownerAllowed(db: Kysely<DB>, user: StaffUser): Promise<boolean> {
    const { actor } = this.o;
    if (user.id === actor.userId || scopeOf(actor, 'customers') === 'all') return true;
    let allowed = this.departmentAllowed.get(user.department_id);
    if (allowed === undefined) {
      allowed = await departmentInScope(db, actor, 'customers', user.department_id);
      this.departmentAllowed.set(user.department_id, allowed);
    }
    return allowed;
  }

  private async check(db: Kysely<DB>, r: SheetRow): Promise<Item> {
    const { host, actor, plan } = this.o;
    const conv = convertRow(plan, r.cells);
    // Phones are checked here (same rule, a faster path); everything else by the customer form's normalizer.
    const { phones: given, ...rest } = conv.input;
    const norm = await normalizeCustomerInput(host, actor, rest, { kind: conv.kind, customDefs: plan.customDefs, partial: false, today: this.o.today });
    const phoneProblems: FieldProblem[] = [];
    const phones = given ? checkImportPhones(actor, given, phoneProblems) : [];
    if (given) norm.values.phones = JSON.stringify(phones);
    const found: RowProblem[] = [...conv.problems, ...[...phoneProblems, ...norm.problems].map((p) => ({ column: columnOf(conv.sources, p.field), code: p.code, message: p.message }))];
    let failed = found.length > 0;
    // A row's problems in the order of its columns, as the person reads the sheet.
    if (found.length > 1) found.sort((a, b) => this.position(a.column) - this.position(b.column));
    for (const p of found) this.problems.add({ row: r.row, ...p });
    if (conv.owner && !(await this.ownerAllowed(db, conv.owner.user))) {
      this.say(r.row, conv.owner.header, 'owner_out_of_scope', { value: conv.owner.text });
      failed = true;
    }
    const keys: Key[] = [];
    if (!failed) {
      const source = (field: string) => () => conv.sources.get(field) ?? null;
      for (const p of phones) keys.push({ kind: 'phone', value: p.value, header: () => phoneHeader(conv, p.value) });
      if (norm.values.email) keys.push({ kind: 'email', value: norm.values.email, header: source('email') });
      if (norm.values.credit_code) keys.push({ kind: 'credit_code', value: norm.values.credit_code, header: source('creditCode') });
      if (norm.values.id_number_hash) keys.push({ kind: 'id_number', value: norm.values.id_number_hash, header: source('idNumber') });
    }
    return { row: r.row, conv, values: norm.values, phones, failed, keys };
  }

  /**
   * Validates one chunk of rows and plans what to write. With `lock` (the real run, inside its
   * transaction) the customers to update are locked until the import commits.
   */
  async chunk(db: Kysely<DB>, rows: readonly SheetRow[], lock: boolean): Promise<ChunkPlan> {
    const { actor, mode } = this.o;
    const items: Item[] = [];
    for (const r of rows) items.push(await this.check(db, r));
    this.counts.processed += rows.length;

    const chunkKeys: ChunkKeys = { phone: [], email: [], credit_code: [], id_number: [] };
    for (const item of items) for (const k of item.keys) chunkKeys[k.kind].push(k.value);
    const holders = await findKeyHolders(db, actor.orgId, chunkKeys);
    const matchesOf = (item: Item) => {
      const found = new Map<string, KeyHit & { key: Key }>();
      for (const key of item.keys) {
        for (const hit of holders.get(`${key.kind}:${key.value}`) ?? []) {
          if (!this.createdIds.has(hit.id) && !found.has(hit.id)) found.set(hit.id, { ...hit, key });
        }
      }
      return [...found.values()];
    };
    const matches = new Map(items.map((item) => [item, matchesOf(item)]));
    const wanted = mode === 'skip' ? [] : [...new Set([...matches.values()].filter((m) => m.length === 1).map((m) => m[0].id))];
    const loaded = new Map((await loadForUpdate(db, actor, wanted, lock)).map((c) => [c.id, c]));

    const plan: ChunkPlan = { creates: [], updates: [] };
    for (const item of items) {
      if (item.failed) {
        this.counts.errors++;
        continue;
      }
      const found = matches.get(item)!;
      const keyLabel = (k: Key) => t(actor.locale, `customerImport.keys.${k.kind}`);
      if (found.length > 0 && mode === 'skip') {
        this.say(item.row, found[0].key.header(), 'duplicate_existing_skip', { name: found[0].name, key: keyLabel(found[0].key) });
        this.counts.skipped++;
        continue;
      }
      const inFile = item.keys.find((k) => this.fileKeys.has(`${k.kind}:${k.value}`));
      const earlier = found.length === 1 ? this.targeted.get(found[0].id) : undefined;
      if (inFile || earlier !== undefined) {
        const k = inFile ?? found[0].key;
        this.say(item.row, k.header(), 'duplicate_in_file', { row: inFile ? this.fileKeys.get(`${k.kind}:${k.value}`) : earlier, key: keyLabel(k) });
        this.counts.errors++;
        continue;
      }
      if (found.length > 1) {
        this.say(item.row, found[0].key.header(), 'duplicate_ambiguous', { names: found.map((f) => `“${f.name}”`).join(actor.locale === 'en' ? ', ' : '、') });
        this.counts.errors++;
        continue;
      }
      for (const k of item.keys) this.fileKeys.set(`${k.kind}:${k.value}`, item.row);
      if (found.length === 1) {
        const existing = loaded.get(found[0].id);
        if (!existing) {
          this.say(item.row, found[0].key.header(), 'duplicate_out_of_scope', { name: found[0].name, key: keyLabel(found[0].key) });
          this.counts.skipped++;
          continue;
        }
        this.targeted.set(existing.id, item.row);
        this.say(item.row, found[0].key.header(), `duplicate_existing_${mode}`, { name: existing.name, key: keyLabel(found[0].key) });
        const update = buildUpdate(mode as 'update' | 'merge', existing as CustomerRow, item);
        if (update.statusRefused) {
          const label = (code: string) => t(actor.locale, `customerImport.values.lifecycleStatus.${code}`);
          this.say(item.row, columnOf(item.conv.sources, 'lifecycleStatus'), 'status_not_changed', { from: label(update.statusRefused.from), to: label(update.statusRefused.to) });
        }
        plan.updates.push({ ...update, row: item.row });
        this.counts.updated++;
        continue;
      }
      const id = uuidv7();
      this.createdIds.add(id);
      const owner = item.conv.owner?.user ?? this.o.defaultOwner;
      plan.creates.push({ id, row: item.row, values: item.values, phones: item.phones, status: item.conv.status ?? 'potential', ownerId: owner.id, departmentId: owner.department_id });
      this.counts.created++;
    }
    return plan;
  }
}

/** Which column a normalized phone came from (several phone columns, several numbers per cell). */
function phoneHeader(conv: ConvertedRow, normalized: string): string | null {
  const phones = conv.input.phones ?? [];
  for (let i = 0; i < phones.length; i++) {
    if (phones[i].value === normalized || normalizePhoneFast(phones[i].value.trim())?.value === normalized) return conv.sources.get(`phones.${i}.value`) ?? null;
  }
  return null;
}
