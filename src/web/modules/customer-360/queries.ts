import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CustomFieldDef } from '../../../shared/custom-fields';
import type { TimelineEntryView } from '../../../shared/customers';
import { api, type Page } from '../../ui/api';
import type { Invoice, Order, Overview, Payment, Product } from './types';

/** Every query of one customer's 360 lives under this key, so one invalidation refreshes the page. */
export const c360Key = (id: string) => ['customer360', id] as const;

export const useOverview = (id: string) =>
  useQuery({ queryKey: [...c360Key(id), 'overview'], queryFn: () => api<Overview>(`/customers/${id}/overview`), retry: false });

export const useOrders = (id: string) => useQuery({ queryKey: [...c360Key(id), 'orders'], queryFn: () => api<Order[]>(`/customers/${id}/orders`) });
export const useInvoices = (id: string) => useQuery({ queryKey: [...c360Key(id), 'invoices'], queryFn: () => api<Invoice[]>(`/customers/${id}/invoices`) });
export const usePayments = (id: string) => useQuery({ queryKey: [...c360Key(id), 'payments'], queryFn: () => api<Payment[]>(`/customers/${id}/payments`) });

const TIMELINE_PAGE = 20;

/** The timeline newest first, a page at a time ("load more"), optionally only some kinds. */
export const useTimeline = (id: string, kinds: string[]) =>
  useInfiniteQuery({
    queryKey: [...c360Key(id), 'timeline', kinds],
    queryFn: ({ pageParam }) =>
      api<Page<TimelineEntryView>>(`/customers/${id}/timeline`, { query: { limit: TIMELINE_PAGE, cursor: pageParam, kinds: kinds.join(',') || undefined } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Active and inactive products matching a name or SKU prefix (the server caps the list at 500). */
export const useProducts = (q?: string) =>
  useQuery({ queryKey: ['products', q ?? ''], queryFn: () => api<Product[]>('/products', { query: { q } }), placeholderData: keepPreviousData });

type CustomFieldRow = CustomFieldDef & { sort?: number };

/** Custom field definitions of customers, for their labels on the info card. */
export const useCustomerFieldDefs = () =>
  useQuery({
    queryKey: ['customer360', 'custom-field-defs'],
    queryFn: async () => {
      const res = await api<Page<CustomFieldRow> | CustomFieldRow[]>('/custom-fields', { query: { entity: 'customer' } });
      const items = Array.isArray(res) ? res : res.items;
      return [...items].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.key.localeCompare(b.key));
    },
    staleTime: 60_000,
  });

/** After any write on the 360: the page, and the register that lists this customer. */
export async function refresh360(qc: QueryClient, id: string) {
  await Promise.all([qc.invalidateQueries({ queryKey: c360Key(id) }), qc.invalidateQueries({ queryKey: ['customers'] })]);
}

export function useRefresh360(id: string) {
  const qc = useQueryClient();
  return () => refresh360(qc, id);
}
