-- §5.10: a per-case standard (first reply within 4 working hours) is met when at least this
-- share of cases meets its target; rate standards (CSAT, abandon rate) compare the rate itself.
ALTER TABLE service_standards ADD COLUMN goal_percent numeric NOT NULL DEFAULT 90 CHECK (goal_percent > 0 AND goal_percent <= 100);

-- §5.9: the time-based rules' pass looks up the runs of one rule
CREATE INDEX automations_kind_idx ON automations (org_id, kind, position);
