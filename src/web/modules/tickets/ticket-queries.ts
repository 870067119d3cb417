import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CustomFieldDef } from '../../../shared/custom-fields';
import type { TicketSavedView, TicketType } from '../../../shared/tickets';
import { api } from '../../ui/api';
import { fetchAll } from '../../ui/fetch-all';
import { ticketKeys, type TeamMemberOption, type TeamOption, type TicketCategory, type ViewCounts } from './ticket-types';

export type TicketFieldDef = CustomFieldDef & { id: string; sort: number; active: boolean; ticketTypes: string[] };

/** Live counts of the standard views: refetched on window focus and every 30 s. */
export const useViewCounts = () =>
  useQuery({ queryKey: ticketKeys.counts, queryFn: () => api<ViewCounts>('/tickets/view-counts'), refetchInterval: 30_000, refetchOnWindowFocus: true });

/** Saved views (own, then shared) with live counts in the caller's scope, refreshed like the standard counts. */
export const useSavedTicketViews = () =>
  useQuery({ queryKey: ticketKeys.savedViews, queryFn: () => api<TicketSavedView[]>('/ticket-views'), refetchInterval: 30_000, refetchOnWindowFocus: true });

/** Every category of every type (a small list), cached for the pickers and the admin page. */
export const useCategories = () => useQuery({ queryKey: ticketKeys.categories, queryFn: () => api<TicketCategory[]>('/ticket-categories'), staleTime: 30_000 });

export const useTeams = () =>
  useQuery({ queryKey: ticketKeys.teams, queryFn: () => fetchAll<TeamOption>('/teams'), staleTime: 60_000 });

export const useTeamMembers = (teamId: string | null | undefined) =>
  useQuery({
    queryKey: ['team', teamId, 'members'],
    queryFn: async () => (await api<{ members: TeamMemberOption[] }>(`/teams/${teamId}`)).members,
    enabled: !!teamId,
    staleTime: 30_000,
  });

/** Ticket custom fields that apply to a type: those listing it, or listing no type at all. */
export function useTicketFields(type: TicketType | undefined) {
  const query = useQuery({
    queryKey: ticketKeys.fields,
    queryFn: async () => (await fetchAll<TicketFieldDef>('/custom-fields', { entity: 'ticket' })).sort((a, b) => a.sort - b.sort),
    staleTime: 60_000,
  });
  const defs = (query.data ?? []).filter((d) => d.active && (!type || d.ticketTypes.length === 0 || d.ticketTypes.includes(type)));
  return { ...query, defs };
}

/**
 * Refreshes ticket lists, counts and the open ticket when the server announces a ticket event
 * on the realtime WebSocket; reconnects after a drop. Without a socket the 30 s refresh remains.
 */
export function useTicketRealtime() {
  const qc = useQueryClient();
  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempts = 0;
    let ping: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      socket = new WebSocket(`${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/realtime`);
      socket.onopen = () => {
        attempts = 0;
        ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 'ping' })), 25_000);
      };
      socket.onmessage = (e) => {
        try {
          const msg = JSON.parse(String(e.data)) as { type?: string; data?: { id?: string; ticketId?: string } };
          if (!msg.type?.startsWith('ticket.')) return;
          void qc.invalidateQueries({ queryKey: ticketKeys.list });
          void qc.invalidateQueries({ queryKey: ticketKeys.counts });
          void qc.invalidateQueries({ queryKey: ticketKeys.savedViews });
          const id = msg.data?.ticketId ?? msg.data?.id;
          if (id) {
            void qc.invalidateQueries({ queryKey: ticketKeys.one(id) });
            void qc.invalidateQueries({ queryKey: ticketKeys.messages(id) });
          }
        } catch {
          /* not ours */
        }
      };
      socket.onclose = () => {
        clearInterval(ping);
        if (stopped) return;
        attempts++;
        retry = setTimeout(open, Math.min(1000 * 2 ** attempts, 30_000));
      };
    };
    open();
    return () => {
      stopped = true;
      clearInterval(ping);
      clearTimeout(retry);
      socket?.close();
    };
  }, [qc]);
}
