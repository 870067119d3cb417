import { ApiError } from '../../ui/api';

/**
 * The server names money fields in fen (`amountFen`); the forms hold 元 (`amount`). Renames the
 * last path segment of each field problem so the message lands under the field the user sees.
 */
export function renameErrorFields(err: unknown, names: Record<string, string>): unknown {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return err;
  const details = (err.details as { path?: (string | number)[] }[]).map((d) => {
    if (!d.path?.length) return d;
    const last = String(d.path[d.path.length - 1]);
    return names[last] ? { ...d, path: [...d.path.slice(0, -1), names[last]] } : d;
  });
  return new ApiError(err.status, err.code, err.message, details);
}
