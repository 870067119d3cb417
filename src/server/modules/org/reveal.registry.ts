import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import type { MaskableField } from '../../../shared/permissions.js';

/**
 * Loads the raw value of one personal-data field of one object. Must apply the caller's data
 * scope itself (answer null for an object that is missing or outside it — the caller gets 404).
 * `kefu` is there for values stored encrypted (decryption needs the key).
 */
export type RevealLoader = (db: Kysely<DB>, actor: Actor, id: string, field: MaskableField, kefu: Kefu) => Promise<{ value: string | null } | null>;

type Revealable = { loader: RevealLoader; fields: readonly MaskableField[] };

const registry = new Map<string, Revealable>();

/**
 * Makes an entity's masked fields revealable through `POST /api/v1/reveal`. Modules call it
 * when their routes are registered, e.g. `registerRevealable('customer', loadCustomerPii,
 * ['phone', 'id_number', 'email', 'address'])`. Registering the same entity again replaces it.
 */
export function registerRevealable(entity: string, loader: RevealLoader, fields: readonly MaskableField[]): void {
  if (!/^[a-z][a-z_]{0,31}$/.test(entity)) throw new Error(`invalid revealable entity name: ${entity}`);
  registry.set(entity, { loader, fields });
}

export function revealable(entity: string): Revealable | undefined {
  return registry.get(entity);
}

export function revealableEntities(): string[] {
  return [...registry.keys()].sort();
}
