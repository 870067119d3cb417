-- API conventions: one row per webhook delivery attempt (the delivery row keeps the summary),
-- and the indexes the delivery log and the maintenance job read by.

CREATE TABLE webhook_delivery_attempts (
  org_id uuid NOT NULL,
  delivery_id uuid NOT NULL,
  attempt integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  response_status integer,
  error text,
  duration_ms integer NOT NULL,
  -- the first bytes of the receiver's answer, for troubleshooting
  response_excerpt text,
  PRIMARY KEY (org_id, delivery_id, attempt),
  FOREIGN KEY (org_id, delivery_id) REFERENCES webhook_deliveries(org_id, id) ON DELETE CASCADE
);

CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (org_id, webhook_id, id DESC);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);
