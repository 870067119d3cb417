-- §5.2 the chat widget: an anonymous visitor's conversation is a ticket; the visitor holds a random
-- token (sent in the X-Kefu-Chat header) of which only the SHA-256 is kept here.
CREATE TABLE chat_sessions (
  token_hash text PRIMARY KEY,
  org_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX chat_sessions_ticket_idx ON chat_sessions (org_id, ticket_id);
CREATE INDEX chat_sessions_expires_idx ON chat_sessions (expires_at);
