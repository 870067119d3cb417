import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Actor } from './actor.js';
import { INVALIDATE_EVENT } from './auth/actor-cache.js';
import { resolveActor } from './auth/authenticate.js';
import type { Kefu, RealtimeEvent } from './context.js';
import { errorBody } from './http/error-handler.js';

export const REALTIME_PATH = '/api/v1/realtime';
/** Server pings this often; a client that has not answered the previous ping is dropped. */
export const KEEPALIVE_MS = 30_000;
/** A client this far behind (bytes queued) is too slow to follow and is disconnected. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/** What a client receives: one JSON object per message. */
export type RealtimeMessage = { type: string; data: unknown; at: string };

/** Publishes an event to the realtime clients of `event.orgId` on every node. */
export async function publishEvent(kefu: Pick<Kefu, 'events'>, event: Omit<RealtimeEvent, 'at'> & { at?: string }): Promise<void> {
  // `at` travels with the event so every node reports the same moment.
  await kefu.events.publish({ ...event, at: event.at ?? new Date().toISOString() } as RealtimeEvent);
}

/** Whether `actor` may see `event`: same organization, addressed to them or allowed by permission. */
export function canReceive(actor: Actor, event: RealtimeEvent): boolean {
  if (event.orgId !== actor.orgId) return false;
  if (event.userIds && !event.userIds.includes(actor.userId)) return false;
  if (event.permission && !actor.permissions.has(event.permission)) return false;
  return true;
}

function send(socket: WebSocket, message: RealtimeMessage): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED) {
    socket.close(1013, 'too slow');
    return;
  }
  socket.send(JSON.stringify(message));
}

/**
 * The realtime endpoint. The caller is authenticated at the handshake by the same hook as every
 * API request (session cookie or Bearer token); an anonymous upgrade is answered 401 before any
 * WebSocket is created. Each connection re-checks its caller when the auth layer announces a
 * change (logout, revocation, role change) and on every keepalive, so a revoked session or a
 * disabled user stops receiving events at once (at the latest within one interval).
 */
export async function installRealtime(app: FastifyInstance, opts: { keepaliveMs?: number } = {}): Promise<void> {
  const keepaliveMs = opts.keepaliveMs ?? KEEPALIVE_MS;
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.route({
    method: 'GET',
    url: REALTIME_PATH,
    preValidation: async (req, reply) => {
      if (!req.actor) return reply.code(401).send(errorBody(req.locale, 'unauthenticated'));
    },
    // A plain GET (no upgrade) is told what to do instead.
    handler: async (req, reply) => reply.code(426).header('upgrade', 'websocket').send(errorBody(req.locale, 'upgrade_required')),
    wsHandler: (socket: WebSocket, req: FastifyRequest) => {
      let actor = req.actor as Actor;
      let closed = false;
      // Re-reads the caller (through the auth cache); a revoked session or disabled user is cut off.
      const recheck = () => {
        void resolveActor(app, req)
          .then((fresh) => {
            if (closed) return;
            if (!fresh) socket.close(4401, 'session ended');
            else actor = fresh;
          })
          .catch(() => {
            /* database hiccup: keep the connection and check again next time */
          });
      };
      const unsubscribe = app.kefu.events.subscribe((event) => {
        if (event.type === INVALIDATE_EVENT) {
          // The auth layer announces logouts, revocations and role changes: react at once.
          const userId = (event.data as { userId?: unknown } | null)?.userId;
          if (event.orgId === actor.orgId && (userId == null || userId === actor.userId)) setTimeout(recheck, 0);
          return;
        }
        if (!canReceive(actor, event)) return;
        const at = (event as RealtimeEvent & { at?: string }).at ?? new Date().toISOString();
        send(socket, { type: event.type, data: event.data, at });
      });
      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const keepalive = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
        recheck();
      }, keepaliveMs);
      keepalive.unref();
      const cleanup = () => {
        closed = true;
        clearInterval(keepalive);
        unsubscribe();
      };
      socket.on('close', cleanup);
      socket.on('error', cleanup);
      socket.on('message', (raw, isBinary) => {
        // Clients may send {"type":"ping"} when they cannot see protocol-level pings (browsers).
        if (isBinary) return;
        try {
          const msg = JSON.parse(raw.toString()) as { type?: unknown };
          if (msg?.type === 'ping') send(socket, { type: 'pong', data: null, at: new Date().toISOString() });
        } catch {
          /* not JSON: ignored */
        }
      });
      send(socket, { type: 'ready', data: { userId: actor.userId }, at: new Date().toISOString() });
    },
  });
}
