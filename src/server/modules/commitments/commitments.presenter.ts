import type { CommitmentView } from '../../../shared/complaints.js';
import type { CommitmentWithNames } from './commitments.repo.js';

export function presentCommitment(r: CommitmentWithNames, now = new Date()): CommitmentView {
  const due = new Date(r.due_at);
  return {
    id: r.id,
    customer: r.customer_id ? { id: r.customer_id, name: r.customer_name ?? '' } : null,
    ticket: r.ticket_id ? { id: r.ticket_id, number: String(r.ticket_number ?? ''), subject: r.ticket_subject ?? '' } : null,
    description: r.description,
    dueAt: due.toISOString(),
    owner: { id: r.owner_id, name: r.owner_name ?? '' },
    status: r.status,
    fulfilledAt: r.fulfilled_at ? new Date(r.fulfilled_at).toISOString() : null,
    fulfilmentNote: r.fulfilment_note,
    late: r.status === 'breached' || (r.status === 'open' && due < now) || (r.status === 'fulfilled' && !!r.fulfilled_at && new Date(r.fulfilled_at) > due),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}
