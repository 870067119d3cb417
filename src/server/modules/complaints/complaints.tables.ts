import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ComplaintsTable, ComplaintStepsTable, CommitmentsTable } from '../tickets/service-desk.tables.js';

type OptionalTime = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** Migration 0013: step time limits per severity, the late mark of a step, the due-soon reminder. */
export interface ComplaintTimeLimitsTable {
  org_id: string;
  severity: 'minor' | 'general' | 'serious' | 'critical';
  step: 'receive' | 'register' | 'investigate' | 'handle' | 'survey' | 'follow_up' | 'close';
  minutes: number;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

declare module '../tickets/service-desk.tables.js' {
  interface ComplaintStepsTable {
    late_at: OptionalTime;
  }
  interface CommitmentsTable {
    due_soon_alerted_at: OptionalTime;
  }
}

declare module '../../platform/db-schema.js' {
  interface DB {
    complaint_time_limits: ComplaintTimeLimitsTable;
  }
}

export type ComplaintRow = Selectable<ComplaintsTable>;
export type ComplaintStepRow = Selectable<ComplaintStepsTable>;
export type CommitmentRow = Selectable<CommitmentsTable>;
