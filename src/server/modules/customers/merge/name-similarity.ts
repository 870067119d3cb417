import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import type { DB } from '../../../platform/db-schema.js';
import { clusterIndexes, neighbourPairs } from './duplicate-groups.js';
import { scanNameKeys, similarities } from './duplicates.repo.js';

/**
 * Names alike (§2.7 "name similarity"), kept cheap at a million customers:
 * - only name keys of 3+ characters (the `name` reason already groups equal keys);
 * - sorted-neighbourhood blocking: in name-key order, each key is compared with the next
 *   WINDOW distinct keys that share its first two characters (surname + first given
 *   character, or a company's city), so a typo later in the name lands next to the original;
 * - one batch reads SCAN_BUDGET distinct keys from the name-key index and overlaps the next
 *   batch by WINDOW keys, so its cost does not grow with the table and every pair is checked once;
 * - pg_trgm `similarity()` of the keys ≥ SIMILARITY_THRESHOLD, computed in one query per batch.
 * Trigram similarity is weak on 3-character Chinese names (张伟明/张伟民 score 0.33: likely two
 * people), so the threshold favours precision: longer names and company names with small
 * differences (杭州云栖科技有限公司/杭州云栖科技公司 0.54) match.
 */
export const SCAN_BUDGET = 500;
export const WINDOW = 4;
export const SIMILARITY_THRESHOLD = 0.5;

export type SimilarCluster = { ids: string[]; n: number; /** the cluster's first key: a cursor resuming there shows it again */ startKey: string };
export type SimilarBatch = { clusters: SimilarCluster[]; /** where the next batch starts (inclusive); null: the end */ next: string | null };

export async function similarBatch(db: Kysely<DB>, actor: Actor, fromKey: string | null): Promise<SimilarBatch> {
  const rows = await scanNameKeys(db, actor, fromKey, SCAN_BUDGET);
  const full = rows.length >= SCAN_BUDGET;
  const anchorsEnd = full ? rows.length - WINDOW : rows.length;
  const keys = rows.map((r) => r.k);
  const pairs = neighbourPairs(keys, WINDOW, anchorsEnd);
  const scores = await similarities(db, pairs.map(([a, b]) => [keys[a], keys[b]]));
  const similar = pairs.filter((_, i) => scores[i] >= SIMILARITY_THRESHOLD);
  const clusters = clusterIndexes(rows.length, similar).map((idx) => ({
    ids: [...new Set(idx.flatMap((i) => rows[i].ids))],
    n: idx.reduce((sum, i) => sum + rows[i].n, 0),
    startKey: keys[idx[0]],
  }));
  return { clusters, next: full ? keys[anchorsEnd] : null };
}
