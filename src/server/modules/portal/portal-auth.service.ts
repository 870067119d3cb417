import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { validatePasswordPolicy } from '../../platform/auth/password-policy.js';
import { addressKey, lockedFor, recordFailure, resetThrottle, type ThrottleKey } from '../../platform/auth/throttle.js';
import { newSecret, sha256 } from '../../platform/auth/tokens.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';
import { type Locale, t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { findOrg } from '../../platform/orgs.js';
import type { PortalInvitationResult } from '../../../shared/portal.js';
import { audit, tooManyAttempts } from '../auth/auth.guard.js';
import { findCustomerBrief, findCustomerByEmail } from '../customers/customer-lookup.service.js';
import { getCustomer } from '../customers/customers.service.js';
import { sendSignInMail } from './portal-mail.js';
import { endPortalSession, openPortalSession, type PortalActor } from './portal-session.js';

/**
 * §5.11 signing in to the portal: a one-time link by mail (or handed over by an agent), or a
 * password the customer set after a first link. Answers never reveal whether an address has an
 * account: a link request is always "sent", a failed password is always the same error.
 */

/** A link the customer asked for lives half an hour; one an agent hands over, three days. */
export const LINK_MINUTES = 30;
export const INVITATION_HOURS = 72;

const LINK_RULE = { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
const PASSWORD_RULE = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
const linkKey = (orgId: string, email: string): ThrottleKey => ({ key: `portal-link:${orgId}:${email}`, rule: LINK_RULE });
const passwordKey = (orgId: string, email: string): ThrottleKey => ({ key: `portal-pw:${orgId}:${email}`, rule: PASSWORD_RULE });

type Meta = { ip: string; locale: Locale };
type Db = Kysely<DB>;

export const signInPath = (token: string) => `/portal/sign-in?token=${encodeURIComponent(token)}`;

function findAccount(db: Db, orgId: string, email: string) {
  return db
    .selectFrom('portal_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

async function createAccount(db: Db, orgId: string, customerId: string, email: string, displayName: string) {
  return db
    .insertInto('portal_accounts')
    .values({ org_id: orgId, id: uuidv7(), customer_id: customerId, email, display_name: displayName.slice(0, 100) })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

async function issueLink(db: Db, orgId: string, accountId: string, ms: number): Promise<{ token: string; expiresAt: Date }> {
  const { secret, hash } = newSecret('kl_');
  const expiresAt = new Date(Date.now() + ms);
  await db.insertInto('portal_tokens').values({ token_hash: hash, org_id: orgId, account_id: accountId, purpose: 'login_link', expires_at: expiresAt }).execute();
  return { token: secret, expiresAt };
}

/**
 * A customer asks for a sign-in link. An address with an account gets one; an address of a
 * customer in the register without an account gets an account first. Other addresses get
 * nothing, and the answer is the same. The mail leaves after the answer (`deliver`).
 */
export async function requestSignInLink(kefu: Kefu, input: { email: string; orgId?: string }, meta: Meta): Promise<{ deliver: () => Promise<boolean> }> {
  const nothing = { deliver: async () => false };
  const org = await findOrg(kefu.db, input.orgId);
  if (!org) return nothing;
  const ipWait = await lockedFor(kefu.db, [addressKey(meta.ip)]);
  if (ipWait > 0) throw tooManyAttempts(ipWait);
  // every request counts: five links per address in fifteen minutes, fifty per client address
  if ((await lockedFor(kefu.db, [linkKey(org.id, input.email)])) > 0) return nothing;
  await recordFailure(kefu.db, [linkKey(org.id, input.email), addressKey(meta.ip)]);
  let account = await findAccount(kefu.db, org.id, input.email);
  if (!account) {
    const customer = await findCustomerByEmail(kefu.db, org.id, input.email);
    if (!customer || customer.anonymized) return nothing;
    account = (await createAccount(kefu.db, org.id, customer.id, input.email, customer.name)) ?? (await findAccount(kefu.db, org.id, input.email));
  }
  if (!account || account.disabled) return nothing;
  const { token } = await issueLink(kefu.db, org.id, account.id, LINK_MINUTES * 60_000);
  await audit(kefu.db, { orgId: org.id, action: 'portal.link_requested', entityType: 'portal_account', entityId: account.id, actorName: `portal:${account.email}`, ip: meta.ip });
  const to = account.email;
  const name = account.display_name;
  return { deliver: () => sendSignInMail(kefu, { orgId: org.id, to, name, link: kefu.config.publicUrl + signInPath(token), minutes: LINK_MINUTES, locale: meta.locale }) };
}

const linkInvalid = (locale: Locale) => new AppError('portal_link_invalid', 400, undefined, t(locale, 'errors.portal_link_invalid'));

/** Spends a sign-in link (once) and opens a session; the address is proven by it. */
export async function consumeSignInLink(kefu: Kefu, token: string, meta: Meta) {
  const now = new Date();
  const spent = await kefu.db
    .updateTable('portal_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', 'login_link')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['org_id', 'account_id'])
    .executeTakeFirst();
  if (!spent) throw linkInvalid(meta.locale);
  const account = await kefu.db
    .updateTable('portal_accounts')
    .set({ email_verified_at: now, last_login_at: now, updated_at: now })
    .where('org_id', '=', spent.org_id)
    .where('id', '=', spent.account_id)
    .where('disabled', '=', false)
    .returning(['id', 'email'])
    .executeTakeFirst();
  if (!account) throw linkInvalid(meta.locale);
  await audit(kefu.db, { orgId: spent.org_id, action: 'portal.login', entityType: 'portal_account', entityId: account.id, actorName: `portal:${account.email}`, ip: meta.ip, after: { method: 'link' } });
  return openPortalSession(kefu.db, spent.org_id, account.id, now);
}

/** Password sign-in, throttled per address and per client like staff sign-in. */
export async function passwordSignIn(kefu: Kefu, input: { email: string; password: string; orgId?: string }, meta: Meta) {
  const failed = new AppError('portal_login_failed', 401, undefined, t(meta.locale, 'errors.portal_login_failed'));
  const org = await findOrg(kefu.db, input.orgId);
  if (!org) throw failed;
  const keys = [passwordKey(org.id, input.email), addressKey(meta.ip)];
  const wait = await lockedFor(kefu.db, keys);
  if (wait > 0) throw tooManyAttempts(wait);
  const account = await findAccount(kefu.db, org.id, input.email);
  // verified against a dummy hash when there is no account, so the timing says nothing either
  const good = await verifyPassword(input.password, account?.password_hash ?? null);
  if (!account || !good || account.disabled) {
    const locked = await recordFailure(kefu.db, keys);
    await audit(kefu.db, { orgId: org.id, action: 'portal.login_failed', entityType: 'portal_account', entityId: account?.id ?? null, actorName: `portal:${input.email}`, ip: meta.ip });
    if (locked > 0) throw tooManyAttempts(locked);
    throw failed;
  }
  await resetThrottle(kefu.db, keys[0]);
  const now = new Date();
  await kefu.db.updateTable('portal_accounts').set({ last_login_at: now }).where('org_id', '=', org.id).where('id', '=', account.id).execute();
  await audit(kefu.db, { orgId: org.id, action: 'portal.login', entityType: 'portal_account', entityId: account.id, actorName: `portal:${account.email}`, ip: meta.ip, after: { method: 'password' } });
  return openPortalSession(kefu.db, org.id, account.id, now);
}

/** Sets (or changes) the password of the signed-in customer; other sessions stay open. */
export async function setPortalPassword(kefu: Kefu, actor: PortalActor, password: string): Promise<void> {
  validatePasswordPolicy(password, { username: actor.email });
  const hash = await hashPassword(password);
  await kefu.db.transaction().execute(async (tx) => {
    await tx.updateTable('portal_accounts').set({ password_hash: hash, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('id', '=', actor.accountId).execute();
    await recordAudit(tx, { orgId: actor.orgId, action: 'portal.password_set', entityType: 'portal_account', entityId: actor.accountId, actorName: `portal:${actor.email}`, ip: actor.ip });
  });
}

export async function signOut(kefu: Kefu, actor: PortalActor): Promise<void> {
  await endPortalSession(kefu.db, actor.sessionHash);
}

/**
 * An agent invites a customer of their scope to the portal: the account is created (with the
 * customer's address or the one given) and a three-day sign-in link is returned, to pass on by
 * any channel; it is also mailed when a mail server is configured.
 */
export async function inviteCustomer(kefu: Kefu, actor: Actor, customerId: string, email: string | undefined): Promise<PortalInvitationResult & { deliver: () => Promise<boolean> }> {
  authorize(actor, 'customers.update');
  await getCustomer({ kefu, actor }, customerId); // 404 outside the agent's scope
  const customer = await findCustomerBrief(kefu.db, actor.orgId, customerId);
  if (!customer || customer.mergedIntoId || customer.anonymized) throw new AppError('not_found', 404, { entity: 'customer' });
  const address = (email ?? customer.email ?? '').trim().toLowerCase();
  if (!address) throw new AppError('portal_email_required', 400, undefined, t(actor.locale, 'errors.portal_email_required'));
  const result = await kefu.db.transaction().execute(async (tx) => {
    let account = await findAccount(tx, actor.orgId, address);
    if (account && account.customer_id !== customerId) throw new AppError('portal_email_taken', 409, undefined, t(actor.locale, 'errors.portal_email_taken', { email: address }));
    account ??= await createAccount(tx, actor.orgId, customerId, address, customer.name);
    if (!account) throw new AppError('portal_email_taken', 409, undefined, t(actor.locale, 'errors.portal_email_taken', { email: address }));
    if (account.disabled) await tx.updateTable('portal_accounts').set({ disabled: false, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('id', '=', account.id).execute();
    const link = await issueLink(tx, actor.orgId, account.id, INVITATION_HOURS * 3_600_000);
    await recordAudit(tx, auditBy(actor, { action: 'portal.invite', entityType: 'customer', entityId: customerId, after: { accountId: account.id, email: address } }));
    return { account, link };
  });
  const path = signInPath(result.link.token);
  return {
    accountId: result.account.id,
    email: address,
    link: path,
    expiresAt: result.link.expiresAt.toISOString(),
    mailed: !!kefu.config.smtpUrl,
    deliver: () => sendSignInMail(kefu, { orgId: actor.orgId, to: address, name: customer.name, link: kefu.config.publicUrl + path, minutes: INVITATION_HOURS * 60, locale: actor.locale }),
  };
}
