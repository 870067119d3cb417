import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalMe, PortalTicket, PortalTicketSummary } from '../../../shared/portal';
import { api, ApiError, type Page } from '../../ui/api';

/** Queries of the customer portal (/api/v1/portal); a 401 means "not signed in", not an error. */

export const portalKeys = {
  me: ['portal', 'me'] as const,
  tickets: ['portal', 'tickets'] as const,
  ticket: (id: string) => ['portal', 'ticket', id] as const,
  articles: (q: string) => ['portal', 'articles', q] as const,
  article: (id: string) => ['portal', 'article', id] as const,
};

export function usePortalMe() {
  return useQuery({
    queryKey: portalKeys.me,
    queryFn: async () => {
      try {
        return await api<PortalMe>('/portal/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    retry: false,
    staleTime: 60_000,
  });
}

export function usePortalTickets(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: portalKeys.tickets,
    queryFn: ({ pageParam }) => api<Page<PortalTicketSummary>>('/portal/tickets', { query: { cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function usePortalTicket(id: string) {
  return useQuery({ queryKey: portalKeys.ticket(id), queryFn: () => api<PortalTicket>(`/portal/tickets/${id}`), retry: false });
}

/** After a write: the ticket's answer is stored as is, the list is fetched again. */
export function useStoreTicket() {
  const qc = useQueryClient();
  return (ticket: PortalTicket) => {
    qc.setQueryData(portalKeys.ticket(ticket.id), ticket);
    void qc.invalidateQueries({ queryKey: portalKeys.tickets });
  };
}
