import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { fetchAll } from '../../ui/fetch-all';
import type { CustomerFieldDef, CustomerView, RegionNode, SavedView, UserOption } from './customer-types';

/** Query keys, so the pages that change customers can refresh what shows them. */
export const customerKeys = {
  list: ['customers'] as const,
  one: (id: string) => ['customer', id] as const,
  views: ['customer-views'] as const,
  fields: ['custom-fields', 'customer'] as const,
  regions: ['regions'] as const,
};

/** Custom field definitions of customers (active and inactive; forms show the active ones). */
export const useCustomerFields = () =>
  useQuery({
    queryKey: customerKeys.fields,
    queryFn: async () => (await fetchAll<CustomerFieldDef>('/custom-fields', { entity: 'customer' })).sort((a, b) => a.sort - b.sort),
    staleTime: 60_000,
  });

/** The GB/T 2260 tree; it changes once a year at most. */
export const useRegions = () => useQuery({ queryKey: customerKeys.regions, queryFn: () => api<RegionNode[]>('/regions'), staleTime: Infinity, gcTime: Infinity });

export const useSavedViews = () => useQuery({ queryKey: customerKeys.views, queryFn: () => api<SavedView[]>('/customer-views'), staleTime: 10_000 });

export const useCustomer = (id: string | undefined) =>
  useQuery({ queryKey: customerKeys.one(id ?? ''), queryFn: () => api<CustomerView>(`/customers/${id}`), enabled: !!id });

/**
 * Active staff users for owner pickers, searched by name. Only for users who may list staff
 * (a refused request is audited); others get `null` and the picker offers themselves.
 */
export function useUserOptions(q: string) {
  const { can } = useAuth();
  const allowed = can('org.users.read') || can('org.users.manage');
  return useQuery({
    queryKey: ['users', 'options', q],
    enabled: allowed,
    staleTime: 30_000,
    queryFn: async (): Promise<UserOption[] | null> => {
      try {
        const page = await api<{ items: UserOption[] }>('/users', { query: { q: q || undefined, status: 'active', limit: 50 } });
        return page.items;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
        throw err;
      }
    },
  });
}
