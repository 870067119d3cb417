import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';

/**
 * Personal data about a customer held by other modules (ticket messages, call recordings,
 * survey answers …). When a customer is anonymized (§2.11 "deletion/anonymization with
 * cascade"), each registered anonymizer wipes its own rows in the same transaction and returns
 * how many it changed; the count lands in the audit entry under its name.
 */
export type Anonymizer = {
  name: string;
  anonymize(tx: Kysely<DB>, orgId: string, customerId: string): Promise<number>;
};

const anonymizers = new Map<string, Anonymizer>();

export function registerAnonymizer(anonymizer: Anonymizer): void {
  anonymizers.set(anonymizer.name, anonymizer);
}

export function registeredAnonymizers(): Anonymizer[] {
  return [...anonymizers.values()];
}
