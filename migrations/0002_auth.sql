-- Authentication: server-held secrets, TOTP replay protection, token listing.

-- Keys the server generates for itself when KEFU_SECRET is not set (PostgreSQL deployments;
-- the embedded engine keeps its key in <dataDir>/secret.key). Shared by every node.
CREATE TABLE system_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The last TOTP time step accepted for a user: a code is accepted once, never replayed.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

CREATE INDEX api_tokens_user_idx ON api_tokens (org_id, user_id, created_at DESC);
CREATE INDEX sessions_user_created_idx ON sessions (org_id, user_id, created_at DESC);
