-- Customer register and search at a million customers.

-- The register sorted by last activity (never-active customers last): the sort key exactly as
-- listCustomers writes it, so a page reads 51 index entries instead of sorting every match.
CREATE INDEX customers_activity_sort_idx ON customers (org_id, (coalesce(last_activity_at, '-infinity'::timestamptz)) DESC, id DESC)
  WHERE deleted_at IS NULL;
-- An account manager's own customers (scope 本人) by last update.
CREATE INDEX customers_owner_updated_idx ON customers (org_id, owner_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;

-- Names of five or more characters lost the pinyin and initials tokens that started inside a
-- leading place name or a trailing legal form (search-tokens.ts). Pinyin is not computable in
-- SQL: one job recomputes the tokens of those rows in batches (customers.repo.ts
-- refreshSearchTokens). Queued only when there is something to recompute.
INSERT INTO jobs (id, name, payload, max_attempts, unique_key)
SELECT gen_random_uuid(), 'customers.search_tokens.refresh', '{}', 10, 'customers.search_tokens.refresh'
WHERE EXISTS (SELECT 1 FROM customers WHERE char_length(name) >= 5 AND anonymized_at IS NULL);
