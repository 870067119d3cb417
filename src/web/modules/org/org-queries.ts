import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../ui/api';
import { fetchAll } from '../../ui/fetch-all';
import type { PermissionCatalogue, Position, Role } from './org-types';

// Reference lists used by selects. A user who may manage users but not roles gets a 403
// for the role list: that is not an error on the users page, the select just stays empty.
const tolerant = <T,>(path: string) => async () => {
  try {
    return await fetchAll<T>(path);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
};

// Pass `enabled: false` when the user lacks the permission: refused requests are audited.
export const useRoles = (enabled = true) => useQuery({ queryKey: ['roles'], queryFn: tolerant<Role>('/roles'), staleTime: 30_000, enabled });
export const usePositions = (enabled = true) => useQuery({ queryKey: ['positions'], queryFn: tolerant<Position>('/positions'), staleTime: 30_000, enabled });

export const usePermissionCatalogue = () =>
  useQuery({
    queryKey: ['permissions'],
    queryFn: () => api<PermissionCatalogue>('/permissions'),
    staleTime: Infinity,
  });
