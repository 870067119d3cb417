import { useAuth } from '../../app/auth';
import { useRoles } from '../org/org-queries';

/**
 * `/me` names roles by code; the role list (when the user may read it) gives their names.
 * Users who may not read roles see the codes.
 */
export function useRoleNames(): (code: string) => string {
  const { can } = useAuth();
  const { data } = useRoles(can('org.roles.manage') || can('org.users.read') || can('org.users.manage'));
  const names = new Map((data ?? []).map((r) => [r.code, r.name]));
  return (code) => names.get(code) ?? code;
}
