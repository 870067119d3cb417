-- §5.4 complaint step time limits, per severity, in working minutes on the organization's
-- default business calendar. A missing row means the built-in default for that severity and step.
CREATE TABLE complaint_time_limits (
  org_id uuid NOT NULL REFERENCES orgs(id),
  severity text NOT NULL CHECK (severity IN ('minor', 'general', 'serious', 'critical')),
  step text NOT NULL CHECK (step IN ('receive', 'register', 'investigate', 'handle', 'survey', 'follow_up', 'close')),
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 525600),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, severity, step)
);

-- set by the scan when a step passes its time limit unfinished; its owner is told once
ALTER TABLE complaint_steps ADD COLUMN late_at timestamptz;
CREATE INDEX complaint_steps_late_scan_idx ON complaint_steps (due_at) WHERE completed_at IS NULL AND late_at IS NULL;

-- §5.7 the owner is reminded once 30 minutes before a commitment falls due (alerted_at is the breach alert)
ALTER TABLE commitments ADD COLUMN due_soon_alerted_at timestamptz;
CREATE INDEX commitments_due_soon_idx ON commitments (due_at) WHERE status = 'open' AND due_soon_alerted_at IS NULL;
