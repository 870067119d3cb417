/**
 * The one error type of the server. `code` is stable and machine-readable; the
 * message is localized by the error handler from the server catalogue unless given.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.explicitMessage = message;
  }
  readonly explicitMessage?: string;
}

export const notFound = (entity = 'record') => new AppError('not_found', 404, { entity });
export const forbidden = (permission?: string) => new AppError('forbidden', 403, permission ? { permission } : undefined);
export const unauthenticated = () => new AppError('unauthenticated', 401);
export const conflict = (code = 'conflict', details?: unknown) => new AppError(code, 409, details);
export const badRequest = (code = 'bad_request', details?: unknown) => new AppError(code, 400, details);
export const preconditionFailed = () => new AppError('version_conflict', 412);
export const preconditionRequired = () => new AppError('if_match_required', 428);

/** Wire shape of every error response. */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };
