import nodemailer from 'nodemailer';
import type { Kefu } from '../../platform/context.js';
import { type Locale, t } from '../../platform/i18n.js';
import { fromAddressOf } from '../email/mail-addresses.js';

/**
 * The portal's sign-in mail. Sent straight away, not through the job queue: the link carries a
 * secret, and a queued job would keep it in the jobs table. A failed send throws (the caller
 * logs it); the customer asks for another link. False when no mail server is configured.
 */
export async function sendSignInMail(kefu: Kefu, m: { orgId: string; to: string; name: string; link: string; minutes: number; locale: Locale }): Promise<boolean> {
  if (!kefu.config.smtpUrl) return false;
  const from = await fromAddressOf(kefu.db, kefu.config, m.orgId);
  if (!from) return false;
  const org = await kefu.db.selectFrom('orgs').select('name').where('id', '=', m.orgId).executeTakeFirst();
  const transport = nodemailer.createTransport(kefu.config.smtpUrl);
  try {
    await transport.sendMail({
      from,
      to: m.name ? { name: m.name, address: m.to } : m.to,
      subject: t(m.locale, 'portal.mail.subject', { org: org?.name ?? '' }),
      text: t(m.locale, 'portal.mail.body', { name: m.name || m.to, link: m.link, minutes: m.minutes }),
    });
    return true;
  } finally {
    transport.close();
  }
}
