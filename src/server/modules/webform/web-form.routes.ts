import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import { webFormSubmission, type WebFormReceipt } from '../../../shared/web-form.js';
import { withRetryAfter } from '../auth/auth.guard.js';
import { submitWebForm } from './web-form.service.js';

/** §5.2 the public "contact us" form: no sign-in; answers the ticket number the visitor keeps. */
export function registerWebFormRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/public/web-form',
    summary: 'Submit the public contact form (no sign-in); opens a ticket and answers its number',
    tags: ['web-form'],
    auth: 'public',
    body: webFormSubmission,
    status: 201,
    handler: ({ req, reply, kefu, body }): Promise<WebFormReceipt> => withRetryAfter(reply, () => submitWebForm(kefu, body, { ip: req.ip })),
  });
}
