import type { Actor } from '../../../platform/actor.js';
import type { Kefu } from '../../../platform/context.js';
import { publishEvent } from '../../../platform/realtime.js';

/**
 * Progress of a running import. The run is one transaction, so a processed_rows update made
 * inside it is invisible to every other session until the commit — polling the row would show
 * 0 then 100 %. Progress therefore travels outside the database: each chunk publishes a
 * `customer_import.progress` realtime event to the importer (every node's WebSocket clients
 * get it through the event bus), and this node keeps the latest figure in memory for
 * `GET /customer-imports/:id`. After the commit the row holds the final counts.
 */

export const PROGRESS_EVENT = 'customer_import.progress';
export type ImportPhase = 'validate' | 'import';
export type LiveProgress = { phase: ImportPhase; processed: number; total: number };

const live = new Map<string, LiveProgress>();

export function publishProgress(kefu: Pick<Kefu, 'events'>, actor: Actor, importId: string, progress: LiveProgress): void {
  live.set(importId, progress);
  // Best effort: a lost progress event must never fail the import.
  void publishEvent(kefu, { orgId: actor.orgId, type: PROGRESS_EVENT, userIds: [actor.userId], data: { id: importId, ...progress } }).catch(() => {});
}

export const liveProgress = (importId: string): LiveProgress | undefined => live.get(importId);

export function endProgress(importId: string): void {
  live.delete(importId);
}
