import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketDetail, UpdateTicketBody } from '../../../shared/tickets';
import { api } from '../../ui/api';
import { isVersionConflict } from '../../ui/server-form-errors';
import { ticketKeys } from './ticket-types';

/**
 * Writes to one ticket: edits go with If-Match (a 412 reloads the ticket and says someone else
 * changed it); every write refreshes the ticket, its conversation, the lists and the counts.
 */
export function useTicketActions(ticket: TicketDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();

  const refresh = async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: ticketKeys.one(ticket.id) }),
      qc.invalidateQueries({ queryKey: ticketKeys.messages(ticket.id) }),
      qc.invalidateQueries({ queryKey: ['ticket-sla', ticket.id] }),
      qc.invalidateQueries({ queryKey: ticketKeys.list }),
      qc.invalidateQueries({ queryKey: ticketKeys.counts }),
    ]);
  };

  const failed = async (err: unknown) => {
    if (isVersionConflict(err)) {
      message.warning(t('tickets.detail.stale'));
      await refresh();
    } else {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  /** PATCH with the version the page shows; true when saved. */
  const patch = async (body: UpdateTicketBody): Promise<boolean> => {
    try {
      const saved = await api<TicketDetail>(`/tickets/${ticket.id}`, { method: 'PATCH', ifMatch: ticket.version, body });
      qc.setQueryData(ticketKeys.one(ticket.id), saved);
      message.success(t('tickets.detail.saved'));
      await refresh();
      return true;
    } catch (err) {
      await failed(err);
      return false;
    }
  };

  /** Any other write (status, assignment, links): the server answer, or null after a shown error. */
  const run = async <R>(path: string, body: unknown, done?: string, method = 'POST'): Promise<R | null> => {
    try {
      const result = await api<R>(`/tickets/${ticket.id}${path}`, { method, body });
      if (done) message.success(done);
      await refresh();
      return result;
    } catch (err) {
      await failed(err);
      return null;
    }
  };

  return { patch, run, refresh };
}
