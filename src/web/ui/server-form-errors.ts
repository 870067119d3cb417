import type { FormInstance } from 'antd';
import { ApiError, fieldErrors } from './api';

/**
 * Field messages of a failed save: a 400 `validation` lists `[{ path, message }]`; other 400s
 * (e.g. an unsafe webhook URL) carry one `{ path }` and the localized message of their code.
 */
function messagesByField(err: unknown): Record<string, string> {
  const out = fieldErrors(err);
  if (err instanceof ApiError && err.details && !Array.isArray(err.details)) {
    const path = (err.details as { path?: unknown }).path;
    if (Array.isArray(path) && path.length > 0) out[String(path[path.length - 1])] = err.message;
  }
  return out;
}

/**
 * Shows a failed save the way users expect: field messages land under the fields the form
 * has (409s like "code taken" via `codeFields`); anything else becomes one toast.
 * Returns the message for the toast, or null when every problem landed on a field.
 */
export function applyServerErrors(form: FormInstance, err: unknown, knownFields: string[], codeFields: Record<string, string> = {}): string | null {
  const byField = messagesByField(err);
  // errors without a path that still concern one field, e.g. `{ custom_field_key_taken: 'key' }`
  if (err instanceof ApiError && codeFields[err.code]) byField[codeFields[err.code]] = err.message;
  const onForm = Object.entries(byField).filter(([name]) => knownFields.includes(name));
  if (onForm.length > 0) form.setFields(onForm.map(([name, msg]) => ({ name, errors: [msg] })));
  const offForm = Object.entries(byField).filter(([name]) => !knownFields.includes(name));
  if (offForm.length > 0) return offForm.map(([, msg]) => msg).join('; ');
  if (onForm.length > 0) return null;
  return err instanceof Error ? err.message : String(err);
}

/** True for the 412 answer to a stale If-Match: the caller should reload before retrying. */
export const isVersionConflict = (err: unknown) => err instanceof ApiError && err.status === 412;
