import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../platform/db-schema.js';

type MailConfig = Pick<Config, 'mailFrom' | 'mailAddresses'>;

/** The bare address of `Name <a@b>` or `a@b`, lower-cased; null when there is none. */
export function bareAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(value) ?? /([^\s<>"',;]+@[^\s<>"',;]+)/.exec(value);
  return m ? m[1]!.toLowerCase() : null;
}

/** Support addresses from the configuration: address → organization id (null = the only organization). */
export function configuredAddresses(config: MailConfig): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const from = bareAddress(config.mailFrom);
  if (from) out.set(from, null);
  for (const entry of config.mailAddresses) {
    const [addr, orgId] = entry.split('=').map((s) => s.trim());
    const bare = bareAddress(addr);
    if (bare) out.set(bare, orgId || out.get(bare) || null);
  }
  return out;
}

/**
 * The organization that owns a support address, or null when the address is not a support
 * address (the listener refuses it). An address comes from the configuration (optionally
 * mapped to an organization) or from an organization's settings (`mailAddresses: [...]`).
 * A configured address without a mapping belongs to the organization when there is just one.
 */
export async function orgForAddress(db: Kysely<DB>, config: MailConfig, address: string): Promise<string | null> {
  const addr = address.toLowerCase();
  const configured = configuredAddresses(config);
  if (configured.has(addr)) {
    const mapped = configured.get(addr);
    if (mapped) {
      const org = await db.selectFrom('orgs').select('id').where(sql<boolean>`id::text = ${mapped}`).executeTakeFirst();
      return org?.id ?? null;
    }
  }
  const bySetting = await db
    .selectFrom('orgs')
    .select('id')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(settings->'mailAddresses') = 'array' THEN settings->'mailAddresses' ELSE '[]'::jsonb END) a WHERE lower(a) = ${addr})`,
    )
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (bySetting) return bySetting.id;
  if (!configured.has(addr)) return null;
  const orgs = await db.selectFrom('orgs').select('id').limit(2).execute();
  return orgs.length === 1 ? orgs[0]!.id : null;
}

/** Every support address known for an organization, to leave them out of a reply's CC. */
export async function supportAddressesOf(db: Kysely<DB>, config: MailConfig, orgId: string): Promise<Set<string>> {
  const out = new Set([...configuredAddresses(config)].filter(([, org]) => !org || org === orgId).map(([a]) => a));
  const row = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirst();
  const list = (row?.settings as { mailAddresses?: unknown } | undefined)?.mailAddresses;
  if (Array.isArray(list)) for (const a of list) if (typeof a === 'string') out.add(a.toLowerCase());
  return out;
}

/** The From of replies sent for an organization: KEFU_MAIL_FROM, else its first support address. */
export async function fromAddressOf(db: Kysely<DB>, config: MailConfig, orgId: string): Promise<string | null> {
  if (config.mailFrom) return config.mailFrom;
  const all = await supportAddressesOf(db, config, orgId);
  return [...all][0] ?? null;
}
