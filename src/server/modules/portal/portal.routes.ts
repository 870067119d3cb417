import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Kefu } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { defaultOrgId, findOrg } from '../../platform/orgs.js';
import { portalInvitation, portalLinkConsume, portalLinkRequest, portalLogin, portalPassword, portalRating, portalReply, portalTicketCreate, portalTicketList } from '../../../shared/portal.js';
import { withRetryAfter } from '../auth/auth.guard.js';
import * as kb from '../kb/kb.service.js';
import * as auth from './portal-auth.service.js';
import { clearPortalCookie, findPortalActor, requirePortalActor, setPortalCookie } from './portal-session.js';
import * as tickets from './portal-tickets.service.js';
import { portalMe } from './portal.presenter.js';

const tags = ['portal'];
const articleQuery = z.strictObject({ q: z.string().trim().max(100).optional(), cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });

/** Sends a mail after the answer has gone; a failure is logged, never shown (it would tell who has an account). */
function deliverLater(req: FastifyRequest, deliver: () => Promise<boolean>) {
  setImmediate(() => void deliver().catch((err: unknown) => req.log.warn({ err }, 'portal sign-in mail not sent')));
}

const meta = (req: FastifyRequest) => ({ ip: req.ip, locale: req.locale });
const me = (req: FastifyRequest, kefu: Kefu) => requirePortalActor(req, kefu);

/**
 * §5.11 the customer portal's API, under /api/v1/portal: no staff session is needed or used; a
 * customer is whoever the `kefu_portal` cookie names. Public articles are readable signed out.
 */
export function registerPortalRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/portal/org',
    summary: 'The organization whose portal this is (its name, for the sign-in page)',
    tags,
    auth: 'public',
    handler: async ({ kefu }) => {
      const org = await findOrg(kefu.db);
      return { name: org?.name ?? '' };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/auth/link',
    summary: 'Ask for a one-time sign-in link by mail (always 202: never says whether the address is known)',
    tags,
    auth: 'public',
    body: portalLinkRequest,
    status: 202,
    handler: ({ req, reply, kefu, body }) =>
      withRetryAfter(reply, async () => {
        const { deliver } = await auth.requestSignInLink(kefu, body, meta(req));
        deliverLater(req, deliver);
        return { sent: true };
      }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/auth/link/consume',
    summary: 'Sign in with a one-time link; sets the kefu_portal cookie',
    tags,
    auth: 'public',
    body: portalLinkConsume,
    status: 200,
    handler: async ({ req, reply, kefu, body }) => {
      const session = await auth.consumeSignInLink(kefu, body.token, meta(req));
      setPortalCookie(reply, req, kefu, session.cookieValue, session.expiresAt);
      return { signedIn: true };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/auth/login',
    summary: 'Sign in with e-mail and password; sets the kefu_portal cookie',
    tags,
    auth: 'public',
    body: portalLogin,
    status: 200,
    handler: ({ req, reply, kefu, body }) =>
      withRetryAfter(reply, async () => {
        const session = await auth.passwordSignIn(kefu, body, meta(req));
        setPortalCookie(reply, req, kefu, session.cookieValue, session.expiresAt);
        return { signedIn: true };
      }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/auth/logout',
    summary: 'End this portal session and clear the cookie',
    tags,
    auth: 'public',
    body: z.strictObject({}).optional(),
    status: 204,
    handler: async ({ req, reply, kefu }) => {
      const actor = await findPortalActor(req, kefu);
      if (actor) await auth.signOut(kefu, actor);
      clearPortalCookie(reply, req, kefu);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/portal/me',
    summary: 'The signed-in customer (401 when no one is)',
    tags,
    auth: 'public',
    handler: async ({ req, kefu }) => portalMe(kefu.db, await me(req, kefu)),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/me/password',
    summary: 'Set or change the password of the signed-in customer',
    tags,
    auth: 'public',
    body: portalPassword,
    status: 204,
    handler: async ({ req, kefu, body }) => auth.setPortalPassword(kefu, await me(req, kefu), body.password),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/portal/tickets',
    summary: "The customer's tickets, newest activity first",
    tags,
    auth: 'public',
    query: portalTicketList,
    handler: async ({ req, kefu, query }) => tickets.listTickets(kefu, await me(req, kefu), query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/tickets',
    summary: 'Submit a ticket (inquiry, after-sales, complaint or suggestion)',
    tags,
    auth: 'public',
    body: portalTicketCreate,
    handler: async ({ req, kefu, body }) => tickets.submitTicket(kefu, await me(req, kefu), body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/portal/tickets/:id',
    summary: 'One of the customer’s tickets with its public conversation',
    tags,
    auth: 'public',
    params: idParams,
    handler: async ({ req, kefu, params }) => tickets.getTicket(kefu, await me(req, kefu), params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/tickets/:id/messages',
    summary: 'Write on the ticket (a solved or waiting ticket opens again; a closed one answers 409)',
    tags,
    auth: 'public',
    params: idParams,
    body: portalReply,
    handler: async ({ req, kefu, params, body }) => tickets.replyToTicket(kefu, await me(req, kefu), params.id, body.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/tickets/:id/rating',
    summary: 'Rate a solved ticket 1–5 with an optional comment',
    tags,
    auth: 'public',
    params: idParams,
    body: portalRating,
    status: 200,
    handler: async ({ req, kefu, params, body }) => tickets.rateTicket(kefu, await me(req, kefu), params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/portal/articles',
    summary: 'Published public knowledge-base articles (search with q); no sign-in needed',
    tags,
    auth: 'public',
    query: articleQuery,
    handler: async ({ kefu, query }) => {
      const org = await defaultOrgId(kefu.db);
      return kb.listPublicArticles(kefu.db, org, query);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/portal/articles/:id',
    summary: 'One published public article',
    tags,
    auth: 'public',
    params: idParams,
    handler: async ({ kefu, params }) => {
      const article = await kb.getPublicArticle(kefu.db, await defaultOrgId(kefu.db), params.id);
      if (!article) throw notFound('kb_article');
      return { ...article, myVote: null };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/portal/articles/:id/vote',
    summary: 'The signed-in customer finds an article helpful or not',
    tags,
    auth: 'public',
    params: idParams,
    body: z.strictObject({ helpful: z.boolean() }),
    status: 200,
    handler: async ({ req, kefu, params, body }) => {
      const actor = await me(req, kefu);
      const row = await kb.voteArticle(kefu.db, actor.orgId, `portal:${actor.accountId}`, params.id, body.helpful, (r) => r.visibility === 'public');
      return { helpfulYes: row.helpful_yes, helpfulNo: row.helpful_no, myVote: body.helpful };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/portal-invitation',
    summary: 'Invite the customer to the portal: creates the account and returns a three-day sign-in link (mailed too when mail is set up)',
    tags: ['customers', ...tags],
    permission: 'customers.update',
    params: idParams,
    body: portalInvitation,
    idempotency: false,
    handler: async ({ req, kefu, actor, params, body }) => {
      const { deliver, ...result } = await auth.inviteCustomer(kefu, actor, params.id, body.email);
      if (result.mailed) deliverLater(req, deliver);
      return result;
    },
  });
}
