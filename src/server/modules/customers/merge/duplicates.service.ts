import type { Actor } from '../../../platform/actor.js';
import { presentField } from '../../../platform/access.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import { decryptSecret, encryptSecret } from '../../../platform/crypto.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Page } from '../../../platform/http/pagination.js';
import { t } from '../../../platform/i18n.js';
import type { CustomerCtx } from '../customers.common.js';
import * as customersRepo from '../customers.repo.js';
import { coveredEarlier, keptMembers, pairKey, sharedReasons } from './duplicate-groups.js';
import { exactGroups } from './duplicate-keys.repo.js';
import * as repo from './duplicates.repo.js';
import { similarBatch } from './name-similarity.js';
import { DUPLICATE_REASONS, type DuplicateGroupView, type DuplicateReason, type DuplicatesQuery } from './merge.schema.js';

type Candidate = { reason: DuplicateReason; ids: string[]; n: number; startKey?: string };
type State = { r: DuplicateReason; k: string | null };

// The cursor holds the last key of a page (a phone, an e-mail …): encrypted, so personal data
// never sits in a URL or an access log.
const CURSOR_CONTEXT = 'customer.duplicates.cursor';

async function readCursor(ctx: CustomerCtx, cursor: string | undefined): Promise<State | null> {
  if (!cursor) return null;
  try {
    const state = JSON.parse(await decryptSecret(ctx.kefu, cursor, CURSOR_CONTEXT)) as State;
    if (!DUPLICATE_REASONS.includes(state.r) || (state.k !== null && typeof state.k !== 'string')) throw new Error('shape');
    return state;
  } catch {
    throw new AppError('validation', 400, [{ path: ['query', 'cursor'], code: 'invalid_cursor', message: t(ctx.actor.locale, 'errors.invalid_cursor') }]);
  }
}

function presentMember(actor: Actor, m: repo.MemberRow) {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    phones: (m.phones ?? []).map((p) => presentField(actor, 'phone', p.value)),
    email: presentField(actor, 'email', m.email),
    creditCode: m.credit_code,
    lifecycleStatus: m.lifecycle_status,
    ownerId: m.owner_id,
    ownerName: m.owner_name,
    createdAt: new Date(m.created_at).toISOString(),
    version: m.version,
  };
}

/**
 * Turns raw groups into page items: members loaded and presented, pairs judged "not
 * duplicates" taken out, groups already inside an earlier reason's group dropped.
 */
async function finish(ctx: CustomerCtx, candidates: Candidate[], order: readonly DuplicateReason[], dropCovered: boolean): Promise<(DuplicateGroupView & { startKey?: string })[]> {
  const { kefu, actor } = ctx;
  const ids = [...new Set(candidates.flatMap((c) => c.ids))];
  const members = new Map((await repo.loadMembers(kefu.db, actor, ids)).map((m) => [m.id, m]));
  const marks = new Set((await repo.notDuplicatePairs(kefu.db, actor.orgId, ids)).map((p) => pairKey(p.a_id, p.b_id)));
  const out: (DuplicateGroupView & { startKey?: string })[] = [];
  for (const c of candidates) {
    const present = c.ids.filter((id) => members.has(id));
    const kept = keptMembers(present, marks).map((id) => members.get(id)!);
    if (kept.length < 2) continue;
    const shared = sharedReasons(kept.map((m) => ({ ...m, phones: (m.phones ?? []).map((p) => p.value) })));
    if (dropCovered && coveredEarlier(c.reason, shared, order)) continue;
    const reasons = c.reason === 'name_similar' ? [...shared, c.reason] : shared.includes(c.reason) ? shared : [c.reason, ...shared];
    out.push({
      reason: c.reason,
      reasons: DUPLICATE_REASONS.filter((r) => reasons.includes(r)),
      memberCount: Math.max(kept.length, c.n - (c.ids.length - kept.length)),
      members: kept.map((m) => presentMember(actor, m)),
      ...(c.startKey === undefined ? {} : { startKey: c.startKey }),
    });
  }
  return out;
}

// A page is filled in at most this many rounds; the rest comes with the next cursor.
const MAX_ROUNDS = 6;

/**
 * The duplicates page (§2.7): groups of candidate customers in the caller's scope sharing an
 * ID number, credit code, phone, e-mail or name key, then names alike (see name-similarity.ts),
 * in that order, keyset-paginated on the key. Every exact reason is one `GROUP BY` over the
 * index of its key, stopping after a page of groups.
 */
export async function listDuplicates(ctx: CustomerCtx, query: DuplicatesQuery): Promise<Page<DuplicateGroupView>> {
  const order = query.reason ? [query.reason] : DUPLICATE_REASONS;
  const start = await readCursor(ctx, query.cursor);
  if (start && !order.includes(start.r)) throw new AppError('validation', 400, [{ path: ['query', 'cursor'], code: 'invalid_cursor', message: t(ctx.actor.locale, 'errors.invalid_cursor') }]);
  let state: State | null = start ?? { r: order[0], k: null };
  const items: DuplicateGroupView[] = [];
  for (let round = 0; round < MAX_ROUNDS && state && items.length < query.limit; round++) {
    const need = query.limit - items.length;
    const reason: DuplicateReason = state.r;
    const nextReason = (): State | null => {
      const i = order.indexOf(reason);
      return i + 1 < order.length ? { r: order[i + 1], k: null } : null;
    };
    if (reason === 'name_similar') {
      const batch = await similarBatch(ctx.kefu.db, ctx.actor, state.k);
      const groups = await finish(ctx, batch.clusters.map((c) => ({ reason, ids: c.ids, n: c.n, startKey: c.startKey })), order, !query.reason);
      // A full page: the next one starts at the first group not shown (its pairs are checked again there).
      if (groups.length > need) {
        items.push(...groups.slice(0, need).map(({ startKey, ...g }) => (void startKey, g)));
        state = { r: reason, k: groups[need].startKey! };
        break;
      }
      items.push(...groups.map(({ startKey, ...g }) => (void startKey, g)));
      state = batch.next === null ? nextReason() : { r: reason, k: batch.next };
      continue;
    }
    const batch = await exactGroups(ctx.kefu.db, ctx.actor, reason, state.k, need);
    items.push(...(await finish(ctx, batch.groups.map((r) => ({ reason, ids: r.ids, n: r.n })), order, !query.reason)));
    state = batch.more ? { r: reason, k: batch.lastKey } : nextReason();
  }
  const nextCursor = state ? await encryptSecret(ctx.kefu, JSON.stringify(state), CURSOR_CONTEXT) : null;
  return { items, nextCursor };
}

/**
 * Records that two customers are not duplicates (stored once, smaller id first), so the
 * duplicates page stops proposing the pair. Both must lie in the caller's scope.
 */
export async function markNotDuplicates(ctx: CustomerCtx, aId: string, bId: string): Promise<void> {
  const { kefu, actor } = ctx;
  const [a, b] = [aId.toLowerCase(), bId.toLowerCase()].sort();
  if (a === b) throw new AppError('not_duplicate_same', 400, [{ path: ['body', 'bId'], code: 'not_duplicate_same', message: t(actor.locale, 'errors.not_duplicate_same') }]);
  const found = await customersRepo.findCustomersInScope(kefu.db, actor, [a, b]);
  if (found.length !== 2) throw notFound('customer');
  await kefu.db.transaction().execute(async (tx) => {
    const added = await repo.insertNotDuplicate(tx, { org_id: actor.orgId, a_id: a, b_id: b, actor_id: actor.userId });
    if (!added) return;
    const names = Object.fromEntries(found.map((c) => [c.id, c.name]));
    await recordAudit(tx, auditBy(actor, { action: 'customer.not_duplicate', entityType: 'customer', entityId: a, after: { aId: a, bId: b, aName: names[a], bName: names[b] } }));
  });
}
