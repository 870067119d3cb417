import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Database } from './db.js';
import type { EventBus, RealtimeEvent } from './context.js';

const CHANNEL = 'kefu_events';
// NOTIFY payloads are capped at 8000 bytes; larger events carry a pointer-free summary only.
const MAX_PAYLOAD = 7900;

/**
 * Realtime fan-out. On PostgreSQL every node LISTENs on one channel and each publish is a
 * NOTIFY, so an event raised on node A reaches WebSocket clients of node B. The embedded
 * engine is single-node by construction (the data directory is locked), so it fans out in-process.
 */
export async function createEventBus(database: Database): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliver = (event: RealtimeEvent) => emitter.emit('event', event);

  if (database.engine === 'pglite') {
    return {
      async publish(event) {
        queueMicrotask(() => deliver(event));
      },
      subscribe(listener) {
        emitter.on('event', listener);
        return () => emitter.off('event', listener);
      },
      async close() {
        emitter.removeAllListeners();
      },
    };
  }

  let listener: { client: pg.PoolClient; release(): void } | null = null;
  let closed = false;
  const connect = async () => {
    const client = await database.pool.connect();
    // Released exactly once: a connection killed while (or after) we give it back emits
    // 'error' again, and a second release throws out of the event handler.
    let released = false;
    const release = (destroy: boolean) => {
      if (released) return;
      released = true;
      client.off('error', onError);
      client.release(destroy);
    };
    const onError = () => {
      release(true);
      listener = null;
      if (!closed) setTimeout(() => void connect().catch(() => {}), 1000);
    };
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        deliver(JSON.parse(msg.payload) as RealtimeEvent);
      } catch {
        /* a malformed payload is ignored */
      }
    });
    client.on('error', onError);
    await client.query(`LISTEN ${CHANNEL}`);
    listener = { client, release: () => release(false) };
  };
  await connect();

  return {
    async publish(event) {
      let payload = JSON.stringify(event);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
        payload = JSON.stringify({ ...event, data: { truncated: true } });
      }
      await database.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    },
    subscribe(fn) {
      emitter.on('event', fn);
      return () => emitter.off('event', fn);
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
      const current = listener;
      listener = null;
      if (current) {
        await current.client.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        current.release();
      }
    },
  };
}
