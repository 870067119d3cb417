import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { defineRoute } from '../../platform/http/route.js';
import { hasMessage, type Locale, t } from '../../platform/i18n.js';
import { webFormSubmission, type WebFormReceipt } from '../../../shared/web-form.js';
import { withRetryAfter } from '../auth/auth.guard.js';
import { submitWebForm } from './web-form.service.js';

type Issue = { path: (string | number)[]; code: string; message: string };

/**
 * The form's own checks (phone, a way to reach the visitor) carry a `web_form_*` code as their
 * message: shown in the reader's language like every other validation message.
 */
function localizeIssues(err: unknown, locale: Locale): unknown {
  if (!(err instanceof AppError) || err.code !== 'validation' || !Array.isArray(err.details)) return err;
  const details = (err.details as Issue[]).map((i) =>
    i.code === 'custom' && /^web_form_\w+$/.test(i.message) && hasMessage(`errors.${i.message}`) ? { ...i, message: t(locale, `errors.${i.message}`) } : i,
  );
  return new AppError(err.code, err.status, details, err.explicitMessage);
}

/** §5.2 the public "contact us" form: no sign-in; answers the ticket number the visitor keeps. */
export async function registerWebFormRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    // Rethrown errors go on to the application's error handler, which shapes every answer.
    scope.setErrorHandler((err, req) => {
      throw localizeIssues(err, req.locale ?? 'zh-CN');
    });
    defineRoute(scope, {
      method: 'POST',
      url: '/api/v1/public/web-form',
      summary: 'Submit the public contact form (no sign-in); opens a ticket and answers its number',
      tags: ['web-form'],
      auth: 'public',
      body: webFormSubmission,
      status: 201,
      handler: ({ req, reply, kefu, body }): Promise<WebFormReceipt> => withRetryAfter(reply, () => submitWebForm(kefu, body, { ip: req.ip })),
    });
  });
}
