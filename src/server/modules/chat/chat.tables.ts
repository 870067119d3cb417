import type { ColumnType, Generated } from 'kysely';

/** Table types of the chat widget (migration 0016), merged into the platform's `DB`. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ChatSessionsTable {
  token_hash: string;
  org_id: string;
  ticket_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
}

declare module '../../platform/db-schema.js' {
  interface DB {
    chat_sessions: ChatSessionsTable;
  }
}
