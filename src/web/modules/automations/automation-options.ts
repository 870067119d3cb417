import { useQuery } from '@tanstack/react-query';
import { fetchAll } from '../../ui/fetch-all';

export type Option = { value: string; label: string };
export type RefOptions = { team: Option[]; user: Option[]; category: Option[]; reply: Option[] };

function useOptions(key: string, path: string, label: (x: any) => string) {
  return useQuery({
    queryKey: ['automation-options', key],
    queryFn: async () => (await fetchAll<any>(path)).map((x) => ({ value: x.id as string, label: label(x) })) as Option[],
    retry: false,
    staleTime: 60_000,
  });
}

/** Teams, users, categories and canned replies for the rule builder; a list the user cannot read stays empty. */
export function useRefOptions(): RefOptions {
  const team = useOptions('teams', '/teams', (x) => x.name);
  const user = useOptions('users', '/users', (u) => `${u.displayName} (${u.username})`);
  const category = useOptions('categories', '/ticket-categories', (c) => c.name);
  const reply = useOptions('replies', '/canned-replies', (r) => r.title);
  return { team: team.data ?? [], user: user.data ?? [], category: category.data ?? [], reply: reply.data ?? [] };
}
