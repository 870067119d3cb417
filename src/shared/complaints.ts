import { z } from 'zod';
import { COMMITMENT_STATUSES, COMPLAINT_ROOT_CAUSES, COMPLAINT_SEVERITIES, COMPLAINT_STEPS, type ComplaintRootCause, type ComplaintStep } from './tickets.js';

/** §5.4 complaint process and §5.7 customer commitments: wire contract shared by server and web. */

export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

const H = 60;
/**
 * Built-in step time limits in working minutes, per severity. Follow-up: 7 working days of 8 hours.
 * Worse complaints get shorter limits; an organization overrides any cell on the settings page.
 */
export const DEFAULT_COMPLAINT_TIME_LIMITS: Record<ComplaintSeverity, Record<ComplaintStep, number>> = {
  minor: { receive: 2 * H, register: 4 * H, investigate: 40 * H, handle: 72 * H, survey: 96 * H, follow_up: 80 * H, close: 16 * H },
  general: { receive: 1 * H, register: 2 * H, investigate: 24 * H, handle: 48 * H, survey: 72 * H, follow_up: 56 * H, close: 8 * H },
  serious: { receive: 30, register: 1 * H, investigate: 16 * H, handle: 24 * H, survey: 48 * H, follow_up: 40 * H, close: 8 * H },
  critical: { receive: 15, register: 30, investigate: 8 * H, handle: 16 * H, survey: 24 * H, follow_up: 24 * H, close: 4 * H },
};

const text = (max: number) => z.string().trim().max(max);
const isoTime = z.iso.datetime({ offset: true });

export const complaintStepParam = z.enum(COMPLAINT_STEPS);

/** PATCH /tickets/:id/complaint — the register fields (登记). The category is the ticket's. */
export const updateComplaintBody = z.strictObject({
  complainantName: text(100).nullish(),
  complainantPhone: text(40).nullish(),
  occurredAt: isoTime.nullish(),
  matter: text(5000).optional(),
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  categoryId: z.uuid().nullish(),
});
export type UpdateComplaintBody = z.infer<typeof updateComplaintBody>;

const note = text(2000).default('');

/** What completing each step needs (POST /tickets/:id/complaint/steps/:step/complete). */
export const completeStepBodies = {
  receive: z.strictObject({ note }),
  register: z.strictObject({
    complainantName: text(100).min(1).optional(),
    complainantPhone: text(40).nullish(),
    occurredAt: isoTime.nullish(),
    matter: text(5000).min(1).optional(),
    severity: z.enum(COMPLAINT_SEVERITIES).optional(),
    note,
  }),
  investigate: z.strictObject({ rootCause: z.enum(COMPLAINT_ROOT_CAUSES), rootCauseDetail: text(5000).min(1), note }),
  handle: z.strictObject({
    measures: text(5000).min(1),
    compensationFen: z.number().int().min(0).max(100_000_000_000).nullish(),
    recoveryNote: text(5000).default(''),
    customerInformedAt: isoTime,
    note,
  }),
  survey: z.strictObject({ score: z.number().int().min(1).max(5), comment: text(2000).nullish(), note }),
  follow_up: z.strictObject({ note: text(2000).min(1) }),
  close: z.strictObject({ note }),
} satisfies Record<ComplaintStep, z.ZodType>;
export type CompleteStepBody<S extends ComplaintStep> = z.infer<(typeof completeStepBodies)[S]>;

export const reassignStepBody = z.strictObject({ ownerId: z.uuid() });

export const timeLimitsBody = z.strictObject({
  limits: z
    .array(z.strictObject({ severity: z.enum(COMPLAINT_SEVERITIES), step: z.enum(COMPLAINT_STEPS), minutes: z.number().int().min(1).max(525_600) }))
    .min(1)
    .max(COMPLAINT_SEVERITIES.length * COMPLAINT_STEPS.length),
});
export type TimeLimitsBody = z.infer<typeof timeLimitsBody>;

export type ComplaintStepView = {
  step: ComplaintStep;
  owner: { id: string; name: string } | null;
  startedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
  note: string;
  /** Unfinished past its due time, or finished after it. */
  late: boolean;
  limitMinutes: number;
};

export type ComplaintView = {
  ticketId: string;
  ticketNumber: string;
  ticketSubject: string;
  ticketStatus: string;
  customer: { id: string; name: string } | null;
  category: { id: string; name: string } | null;
  complainantName: string | null;
  complainantPhone: string | null;
  occurredAt: string | null;
  matter: string;
  severity: ComplaintSeverity;
  rootCause: ComplaintRootCause | null;
  rootCauseDetail: string;
  measures: string;
  compensationFen: number | null;
  recoveryNote: string;
  customerInformedAt: string | null;
  surveyScore: number | null;
  surveyComment: string | null;
  followUpNote: string;
  currentStep: ComplaintStep | 'done';
  late: boolean;
  version: number;
  createdAt: string;
  steps: ComplaintStepView[];
};

export type ComplaintSummary = {
  ticketId: string;
  ticketNumber: string;
  ticketSubject: string;
  ticketStatus: string;
  customer: { id: string; name: string } | null;
  severity: ComplaintSeverity;
  rootCause: ComplaintRootCause | null;
  currentStep: ComplaintStep | 'done';
  /** Steps finished out of seven. */
  stepsDone: number;
  owner: { id: string; name: string } | null;
  dueAt: string | null;
  late: boolean;
  lateSteps: number;
  createdAt: string;
};

export type ComplaintStats = {
  from: string;
  to: string;
  total: number;
  byRootCause: { rootCause: ComplaintRootCause | 'unknown'; count: number }[];
  bySeverity: { severity: ComplaintSeverity; count: number }[];
  byStep: { step: ComplaintStep | 'done'; count: number }[];
  /** Per step: finished late, unfinished and overdue now, and the average time it took in hours. */
  steps: { step: ComplaintStep; completed: number; completedLate: number; overdue: number; avgHours: number | null }[];
  late: number;
};

// ——— §5.7 commitments ———

export const createCommitmentBody = z.strictObject({
  customerId: z.uuid().nullish(),
  ticketId: z.uuid().nullish(),
  description: text(2000).min(1),
  dueAt: isoTime,
  ownerId: z.uuid().nullish(),
});
export type CreateCommitmentBody = z.infer<typeof createCommitmentBody>;

export const updateCommitmentBody = z.strictObject({
  description: text(2000).min(1).optional(),
  dueAt: isoTime.optional(),
  ownerId: z.uuid().optional(),
});
export type UpdateCommitmentBody = z.infer<typeof updateCommitmentBody>;

export const fulfilCommitmentBody = z.strictObject({ note: text(2000).min(1) });
export const cancelCommitmentBody = z.strictObject({ reason: text(500).default('') });

export type CommitmentView = {
  id: string;
  customer: { id: string; name: string } | null;
  ticket: { id: string; number: string; subject: string } | null;
  description: string;
  dueAt: string;
  owner: { id: string; name: string };
  status: CommitmentStatus;
  fulfilledAt: string | null;
  fulfilmentNote: string;
  /** Open past due (before the scan marks it), breached, or fulfilled after the due time. */
  late: boolean;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  version: number;
};
