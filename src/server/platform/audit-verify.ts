import { type Kysely, sql } from 'kysely';
import { type ChainedFields, entryHash } from './audit.js';
import type { DB } from './db-schema.js';

export type AuditBreak = 'hash_mismatch' | 'link_mismatch' | 'missing_entries' | 'head_mismatch';

export type AuditVerifyResult = {
  ok: boolean;
  /** Entries whose hash was recomputed. */
  checked: number;
  /** The first broken link, when not ok. */
  firstBrokenSeq?: number;
  reason?: AuditBreak;
  /** The organization whose chain is broken (useful when every chain was checked). */
  orgId?: string;
};

export type VerifyProgress = (checked: number, total: number) => void;

const BATCH = 1000;

/**
 * Re-verifies hash chains: streams each organization's entries in seq order (batches of
 * 1000), recomputes every hash, and checks that each entry links to the previous one, that
 * seq has no gaps (a gap is a deleted entry), and that the chain head matches the last entry.
 * Reports the first broken link. Without `orgId`, every organization's chain is checked.
 *
 * Runs without a long transaction (the embedded engine has one connection): the head and the
 * highest stored seq are read in one statement, then only entries up to that head are checked;
 * appends made meanwhile lie beyond it.
 */
export async function verifyAuditChain(db: Kysely<DB>, orgId?: string, onProgress?: VerifyProgress): Promise<AuditVerifyResult> {
  let headsQuery = db
    .selectFrom('audit_heads as h')
    .select((eb) => [
      'h.org_id',
      'h.seq',
      'h.hash',
      eb.selectFrom('audit_log as l').select(sql<number | null>`max(l.seq)`.as('m')).whereRef('l.org_id', '=', 'h.org_id').as('max_seq'),
    ])
    .orderBy('h.org_id');
  if (orgId) headsQuery = headsQuery.where('h.org_id', '=', orgId);
  const heads = await headsQuery.execute();
  const total = heads.reduce((sum, h) => sum + Number(h.seq), 0);
  let checked = 0;
  onProgress?.(0, total);
  for (const head of heads) {
    const headSeq = Number(head.seq);
    const broken = (seq: number, reason: AuditBreak): AuditVerifyResult => ({ ok: false, checked, firstBrokenSeq: seq, reason, orgId: head.org_id });
    let expectedSeq = 1;
    let prevHash = '';
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', head.org_id)
        .where('seq', '>=', expectedSeq)
        .where('seq', '<=', headSeq)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) return broken(expectedSeq, 'missing_entries');
        if (row.prev_hash !== prevHash) return broken(seq, 'link_mismatch');
        const fields: ChainedFields = {
          org_id: row.org_id,
          seq,
          id: row.id,
          at: row.at,
          actor_id: row.actor_id,
          actor_name: row.actor_name,
          ip: row.ip,
          action: row.action,
          entity_type: row.entity_type,
          entity_id: row.entity_id,
          before: row.before,
          after: row.after,
          reason: row.reason,
          prev_hash: row.prev_hash,
        };
        if (entryHash(fields) !== row.hash) return broken(seq, 'hash_mismatch');
        checked++;
        prevHash = row.hash;
        expectedSeq = seq + 1;
      }
      onProgress?.(checked, total);
      if (rows.length < BATCH) break;
    }
    // entries cut off the end of the chain
    if (expectedSeq <= headSeq) return broken(expectedSeq, 'missing_entries');
    // the head must name the last entry, and nothing may lie beyond it
    if (prevHash !== head.hash) return broken(headSeq, 'head_mismatch');
    if (head.max_seq !== null && Number(head.max_seq) > headSeq) return broken(headSeq + 1, 'head_mismatch');
  }
  return { ok: true, checked };
}
