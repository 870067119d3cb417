/**
 * What a system line of a ticket's conversation says, as an i18n key and its values. Routing
 * stores a JSON object ({event, strategy, teamName, assigneeName, byName}); merge and split store
 * `merged:#N`, `merged_into:#N`, `split_to:#N`, `split_from:#N`; a ticket registered with files
 * stores an empty line carrying them. Anything else is shown as written. Pure.
 */
export type SystemLine =
  | { key: string; values: Record<string, string>; ticketNumber?: string }
  | { key: null; text: string };

const LINK_EVENTS = ['merged', 'merged_into', 'split_to', 'split_from'] as const;

type RoutingNote = { event?: unknown; strategy?: unknown; teamName?: unknown; assigneeName?: unknown; byName?: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function describeSystemLine(body: string, hasAttachments: boolean): SystemLine {
  const text = body.trim();
  if (text === '') return hasAttachments ? { key: 'system.attachments', values: {} } : { key: 'system.empty', values: {} };
  const link = /^(merged|merged_into|split_to|split_from):#(\d+)$/.exec(text);
  if (link && (LINK_EVENTS as readonly string[]).includes(link[1])) return { key: `system.${link[1]}`, values: { number: link[2] }, ticketNumber: link[2] };
  if (text.startsWith('{')) {
    try {
      const note = JSON.parse(text) as RoutingNote;
      const values = { strategy: str(note.strategy), team: str(note.teamName), assignee: str(note.assigneeName), by: str(note.byName) };
      if (note.event === 'routing.assigned') {
        const who = values.by ? 'manual' : 'auto';
        const where = values.team ? 'Team' : '';
        return { key: `system.assigned.${who}${where}`, values };
      }
      if (note.event === 'routing.queued') return { key: values.team ? 'system.queued' : 'system.queuedNoTeam', values };
    } catch {
      /* not JSON after all: shown as written */
    }
  }
  return { key: null, text };
}
