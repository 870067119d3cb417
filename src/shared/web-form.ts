import { z } from 'zod';
import { normalizeCnPhone } from './phone.js';
import { PORTAL_TICKET_TYPES } from './portal.js';
import { AFTER_SALES_SUBTYPES } from './tickets.js';

/**
 * §5.2 the public web form ("contact us"): what a visitor who is not signed in sends. The
 * custom checks carry a message code (`web_form_*`); the server shows it in the reader's language.
 */

export const WEB_FORM_MESSAGES = {
  phoneInvalid: 'web_form_phone_invalid',
  contactRequired: 'web_form_contact_required',
  subtypeOnlyAfterSales: 'web_form_subtype_only_after_sales',
} as const;

/** '' (an empty form field) means not given. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const phone = z
  .string()
  .trim()
  .max(40)
  .refine((v) => normalizeCnPhone(v) !== null, { message: WEB_FORM_MESSAGES.phoneInvalid })
  .transform((v) => normalizeCnPhone(v)!.value);

export const webFormSubmission = z
  .strictObject({
    name: z.string().trim().min(1).max(50),
    email: z.preprocess(blankToUndefined, email.optional()),
    phone: z.preprocess(blankToUndefined, phone.optional()),
    type: z.enum(PORTAL_TICKET_TYPES),
    subtype: z.enum(AFTER_SALES_SUBTYPES).nullish(),
    subject: z.string().trim().min(2).max(200),
    body: z.string().trim().min(5).max(10_000),
    /** The honeypot: hidden from people, so only a robot fills it in. Any value is accepted here. */
    website: z.string().max(500).optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.email && !b.phone) {
      for (const path of ['email', 'phone']) ctx.addIssue({ code: 'custom', path: [path], message: WEB_FORM_MESSAGES.contactRequired });
    }
    if (b.subtype && b.type !== 'after_sales') ctx.addIssue({ code: 'custom', path: ['subtype'], message: WEB_FORM_MESSAGES.subtypeOnlyAfterSales });
  });

export type WebFormSubmission = z.output<typeof webFormSubmission>;

/** The answer: the ticket number the visitor keeps to ask about the request later. */
export type WebFormReceipt = { number: string };
