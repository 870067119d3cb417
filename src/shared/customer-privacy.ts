import { z } from 'zod';

/**
 * Wire contract of §2.11 personal-information rights (PIPL): consents, the personal-data
 * export, anonymization and the retention policy; shared by the server and the web app.
 */

export const CONSENT_CHANNELS = ['phone', 'web', 'wechat', 'email', 'paper', 'in_person', 'other'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

const reason = z.string().trim().min(1).max(500);

export const consentBody = z.strictObject({
  /** What the data is used for: 营销短信, 回访调查, 数据共享给合作方 … */
  purpose: z.string().trim().min(1).max(200),
  /** Which data and how far: 手机号; 仅本公司 … */
  scope: z.string().trim().max(500).default(''),
  channel: z.enum(CONSENT_CHANNELS),
  /** true: consent given; false: the person refused (recorded too, so nobody asks again blindly). */
  granted: z.boolean(),
  /** Where the proof is: recording number, form number, web page version. */
  evidence: z.string().trim().max(2000).default(''),
  /** When the person decided (a paper form signed last week); default now; never in the future. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ConsentBody = z.infer<typeof consentBody>;

export const withdrawConsentBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).optional();

export const consentParams = z.strictObject({ id: z.uuid(), consentId: z.uuid() });

export const consentView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  purpose: z.string(),
  scope: z.string(),
  channel: z.string(),
  granted: z.boolean(),
  evidence: z.string(),
  recordedBy: z.uuid().nullable(),
  recordedByName: z.string().nullable(),
  at: z.string(),
  withdrawnAt: z.string().nullable(),
  /** Granted and not withdrawn: processing for this purpose is allowed. */
  active: z.boolean(),
});
export type ConsentView = z.infer<typeof consentView>;

export const exportQuery = z.strictObject({ reason });

export const anonymizeBody = z.strictObject({ reason });
export const anonymizeResult = z.object({
  id: z.uuid(),
  anonymizedAt: z.string(),
  /** Which card fields held a value and were cleared (never the values). */
  clearedFields: z.array(z.string()),
  /** Rows scrubbed elsewhere: contacts, phones index, timeline entries, and registered modules. */
  cascaded: z.record(z.string(), z.number().int().min(0)),
});
export type AnonymizeResult = z.infer<typeof anonymizeResult>;

export const retentionView = z.object({
  enabled: z.boolean(),
  inactiveYears: z.number().int(),
  lastRunAt: z.string().nullable(),
  lastRunCount: z.number().int().nullable(),
  /** A run queued or in progress (see /api/v1/jobs/:id), else null. */
  runningJobId: z.uuid().nullable(),
  /** 0 while the policy was never saved: PUT with If-Match "0" creates it. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type RetentionView = z.infer<typeof retentionView>;

export const retentionBody = z.strictObject({
  enabled: z.boolean(),
  inactiveYears: z.number().int().min(1).max(30),
});

/** A dry run may try another period before saving it. */
export const retentionDryRunBody = z.strictObject({ inactiveYears: z.number().int().min(1).max(30).optional() }).optional();

export const retentionDryRun = z.object({
  inactiveYears: z.number().int(),
  /** Customers with no activity since this instant are due. */
  cutoff: z.string(),
  count: z.number().int(),
  sample: z.array(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), lastActivityAt: z.string() })),
});
export type RetentionDryRun = z.infer<typeof retentionDryRun>;

export const retentionRunBody = z.strictObject({ confirm: z.literal(true) });
export const retentionRunResult = z.object({ jobId: z.uuid(), cutoff: z.string(), count: z.number().int() });
export type RetentionRunResult = z.infer<typeof retentionRunResult>;
