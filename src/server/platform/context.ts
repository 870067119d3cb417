import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from './db.js';
import type { DB } from './db-schema.js';

/** A realtime event: fanned out to the WebSocket clients of one organization on every node. */
export type RealtimeEvent = {
  orgId: string;
  type: string;
  data: unknown;
  /** Deliver only to these users; absent = everyone in the org allowed to see `permission`. */
  userIds?: string[];
  permission?: string;
};

export interface EventBus {
  publish(event: RealtimeEvent): Promise<void>;
  /** Local subscription to events from every node; returns an unsubscribe function. */
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
  close(): Promise<void>;
}

export type JobContext = {
  db: Kysely<DB>;
  jobId: string;
  attempt: number;
  /** Records progress (and keeps the job's lock fresh); throws `JobCancelledError` once the job was cancelled. */
  reportProgress(done: number, total: number, message?: string): Promise<void>;
  /** True once an administrator cancelled the job: long handlers check it between steps and stop. */
  isCancelled(): Promise<boolean>;
};
export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<unknown>;
export type EnqueueOptions = { orgId?: string | null; runAt?: Date; uniqueKey?: string; maxAttempts?: number };
export type ScheduleOptions = { firstRunAt?: Date; maxAttempts?: number };

export interface JobQueue {
  register(name: string, handler: JobHandler): void;
  /** Enqueue inside the caller's transaction when `db` is a transaction, so the job commits with the write. */
  enqueue(db: Kysely<DB>, name: string, payload: Record<string, unknown>, opts?: EnqueueOptions): Promise<string>;
  /**
   * A recurring job: every `everySeconds` one job `name` with `payload` is enqueued, exactly once
   * across all nodes. Declare it when registering the handler; it is stored when the loop starts.
   */
  schedule(name: string, everySeconds: number, payload?: Record<string, unknown>, opts?: ScheduleOptions): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  /** Claims and runs due jobs until none is left (tests and CLI). */
  drain(): Promise<number>;
}

/** Application-wide services, decorated on the Fastify instance as `app.kefu`. */
export type Kefu = {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  events: EventBus;
  jobs: JobQueue;
};
