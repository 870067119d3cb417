import type { ColumnType } from 'kysely';

/** The column migration 0014 adds to service_standards. */
declare module '../tickets/service-desk.tables.js' {
  interface ServiceStandardsTable {
    goal_percent: ColumnType<string, number | string | undefined, number | string>;
  }
}
