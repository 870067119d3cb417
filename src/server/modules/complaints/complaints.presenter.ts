import type { ComplaintStepView, ComplaintView } from '../../../shared/complaints.js';
import { COMPLAINT_STEPS } from '../../../shared/tickets.js';
import type { ComplaintRow } from './complaints.tables.js';
import type { StepWithNames } from './complaints.repo.js';
import type { TimeLimits } from './complaint-limits.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Unfinished past its due time, or finished after it. */
export function isLate(step: { due_at: Date | null; completed_at: Date | null }, now: Date): boolean {
  if (!step.due_at) return false;
  return (step.completed_at ? new Date(step.completed_at) : now) > new Date(step.due_at);
}

export function presentComplaint(
  c: ComplaintRow,
  ticket: { id: string; number: string | number; subject: string; status: string; customer_id: string | null; customer_name: string | null; category_id: string | null; category_name: string | null },
  steps: StepWithNames[],
  limits: TimeLimits,
  now: Date,
): ComplaintView {
  const byStep = new Map(steps.map((s) => [s.step, s]));
  const views: ComplaintStepView[] = COMPLAINT_STEPS.flatMap((name) => {
    const s = byStep.get(name);
    if (!s) return [];
    return [{
      step: name,
      owner: s.owner_id ? { id: s.owner_id, name: s.owner_name ?? '' } : null,
      startedAt: iso(s.started_at),
      dueAt: iso(s.due_at),
      completedAt: iso(s.completed_at),
      completedBy: s.completed_by ? { id: s.completed_by, name: s.completed_by_name ?? '' } : null,
      note: s.note,
      late: isLate(s, now),
      limitMinutes: limits[c.severity][name],
    }];
  });
  const current = views.find((v) => v.step === c.current_step);
  return {
    ticketId: c.ticket_id,
    ticketNumber: String(ticket.number),
    ticketSubject: ticket.subject,
    ticketStatus: ticket.status,
    customer: ticket.customer_id ? { id: ticket.customer_id, name: ticket.customer_name ?? '' } : null,
    category: ticket.category_id ? { id: ticket.category_id, name: ticket.category_name ?? '' } : null,
    complainantName: c.complainant_name,
    complainantPhone: c.complainant_phone,
    occurredAt: iso(c.occurred_at),
    matter: c.matter,
    severity: c.severity,
    rootCause: c.root_cause,
    rootCauseDetail: c.root_cause_detail,
    measures: c.measures,
    compensationFen: c.compensation_fen === null ? null : Number(c.compensation_fen),
    recoveryNote: c.recovery_note,
    customerInformedAt: iso(c.customer_informed_at),
    surveyScore: c.survey_score,
    surveyComment: c.survey_comment,
    followUpNote: c.follow_up_note,
    currentStep: c.current_step,
    late: current?.late ?? false,
    version: c.version,
    createdAt: new Date(c.created_at).toISOString(),
    steps: views,
  };
}
