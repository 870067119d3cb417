import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { RECOMMENDED_SCRIPTS } from './default-content.js';
import { loadRecommendedPhrases } from './phrases.service.js';

/**
 * Demo data for §5.8: the recommended shared replies and call scripts and the recommended
 * forbidden-phrase list. Returns how many replies and phrases were added. Runs in the caller's
 * transaction.
 */
export async function seedDemoScripts(db: Kysely<DB>, orgId: string): Promise<{ replies: number; phrases: number }> {
  await db
    .insertInto('canned_replies')
    .values(RECOMMENDED_SCRIPTS.map((s) => ({ org_id: orgId, id: uuidv7(), kind: s.kind, title: s.title, body: s.body, category: s.category, ticket_types: s.ticketTypes, owner_id: null })))
    .execute();
  const phrases = await loadRecommendedPhrases(db, orgId);
  return { replies: RECOMMENDED_SCRIPTS.length, phrases };
}
