-- Operations: cancellable jobs, node heartbeats for stale-lock recovery, schedule bookkeeping.

-- 'cancelled' joins the job states; 'failed' is a permanent failure (no retries left to try).
ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'));
-- Running jobs by lock age, for stale-lock recovery; listing by status for the admin page.
CREATE INDEX jobs_running_idx ON jobs (locked_at) WHERE status = 'running';
CREATE INDEX jobs_status_idx ON jobs (status, id DESC);

-- Every node that runs a job loop beats here; a running job whose node stopped beating
-- for long enough is put back in the queue.
CREATE TABLE job_nodes (
  node_id text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE job_schedules ADD COLUMN last_enqueued_at timestamptz;
ALTER TABLE job_schedules ADD COLUMN last_job_id uuid;
ALTER TABLE job_schedules ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX files_entity_idx ON files (org_id, entity_type, entity_id) WHERE deleted_at IS NULL;
