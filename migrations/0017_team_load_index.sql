-- Load-balanced routing counts the open tickets each member of a team holds, on every new ticket.
-- With only (org_id, assignee_id, …) and (org_id, team_id, updated_at, …) to go by, that count
-- read every open ticket of the members from the table: 140 ms cold, 21.7 ms warm for a team
-- holding 22,000 open tickets at 1,000,000 tickets. This index answers it from index entries
-- alone (4.3 ms cold).
CREATE INDEX tickets_team_assignee_open_idx ON tickets (org_id, team_id, assignee_id)
  WHERE deleted_at IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
