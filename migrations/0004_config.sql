-- Configuration (§1.5) and audit browsing (§1.4).

-- Exactly one default business calendar per organization; switching is done in one transaction.
CREATE UNIQUE INDEX calendars_one_default_idx ON calendars (org_id) WHERE is_default;

-- Picklist items are edited one by one from the admin UI: optimistic concurrency and timestamps.
ALTER TABLE picklist_items ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE picklist_items ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE picklist_items ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX picklist_items_tree_idx ON picklist_items (org_id, picklist_id, parent_id, sort);

-- Audit filters: the action dropdown reads distinct actions by a loose index scan on this index.
-- (No trigram index for the free-text filter: on the embedded engine it doubled the cost of every
-- audited write; the filter scans newest-first within the organization instead.)
CREATE INDEX audit_log_action_idx ON audit_log (org_id, action);
