import type { TicketType } from '../../../shared/tickets';

/** Wire shapes the service-desk pages use beside the contract in src/shared/tickets.ts. */

/** `GET /api/v1/ticket-categories`: flat, in tree order per type. */
export type TicketCategory = {
  id: string;
  ticketType: TicketType;
  parentId: string | null;
  name: string;
  nameEn: string | null;
  sort: number;
  active: boolean;
  version: number;
};

export type TicketCategoryNode = TicketCategory & { children: TicketCategoryNode[] };

/** `GET /api/v1/tickets/view-counts` (every standard view but 'all'). */
export type ViewCounts = Record<'mine' | 'team_unassigned' | 'team' | 'all_open' | 'breached' | 'recent_solved', number>;

/** `POST /api/v1/files` */
export type UploadedFile = { id: string; filename: string; size: number; contentType: string };

/** A team as the pickers show it, with its members from `GET /api/v1/teams/:id`. */
export type TeamOption = { id: string; name: string; active: boolean };
export type TeamMemberOption = { userId: string; displayName: string; userActive: boolean; available: boolean; openCount: number; capacity: number };

/** The sorts the list offers (`?sort=` of GET /api/v1/tickets). */
export const TICKET_SORTS = ['-updated_at', 'updated_at', '-created_at', 'created_at', 'due'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** Query keys, so whatever changes a ticket refreshes what shows it. */
export const ticketKeys = {
  list: ['tickets'] as const,
  counts: ['ticket-view-counts'] as const,
  savedViews: ['ticket-views'] as const,
  one: (id: string) => ['ticket', id] as const,
  messages: (id: string) => ['ticket-messages', id] as const,
  categories: ['ticket-categories'] as const,
  fields: ['custom-fields', 'ticket'] as const,
  teams: ['teams', 'options'] as const,
};

/** Builds the category tree of one type from the flat list; siblings by sort then name. */
export function buildCategoryTree(list: TicketCategory[], type?: TicketType): TicketCategoryNode[] {
  const rows = type ? list.filter((c) => c.ticketType === type) : list;
  const byId = new Map<string, TicketCategoryNode>(rows.map((c) => [c.id, { ...c, children: [] }]));
  const roots: TicketCategoryNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (nodes: TicketCategoryNode[]) => {
    nodes.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    nodes.forEach((n) => order(n.children));
  };
  order(roots);
  return roots;
}

/** The name of a category in the reader's language (English falls back to Chinese). */
export const categoryName = (c: Pick<TicketCategory, 'name' | 'nameEn'>, lang: string) => (lang === 'en' ? c.nameEn || c.name : c.name);
