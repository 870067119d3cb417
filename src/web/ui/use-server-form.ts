import { App, Form, type FormInstance } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from './api';
import { applyServerErrors, isVersionConflict } from './server-form-errors';

type InitialValues<V> = Parameters<FormInstance<V>['setFieldsValue']>[0];

export type ServerFormOptions<V, R> = {
  /** Whether the dialog shows: each opening starts from `initialValues`, with no messages left over. */
  open: boolean;
  initialValues?: () => InitialValues<V>;
  /** The form's field names: a server message about one of them lands under it, others become a toast. */
  fields: readonly string[];
  /** Server field names the form calls otherwise, e.g. `{ amountFen: 'amount' }` where the form holds 元. */
  serverNames?: Record<string, string>;
  /** Error codes that concern one field without naming it, e.g. `{ sku_taken: 'sku' }`. */
  codeFields?: Record<string, string>;
  /** Sends the values to the server. */
  send: (values: V) => Promise<R>;
  /** The toast after a successful send. */
  successMessage?: (result: R, values: V) => string;
  /** After a successful send (and its toast): refresh, close, hand the result on. */
  onDone?: (result: R, values: V) => unknown;
  /** A 412 (someone saved in between): this toast instead of the server's, then `reload`. */
  stale?: { message: string; reload: () => unknown };
};

/** What `FormModal` (or a form of one's own) needs: the form, the busy flag and the submit handler. */
export type ServerForm<V> = { form: FormInstance<V>; busy: boolean; submit: (values: V) => Promise<void> };

/**
 * A form that saves to the server: busy while sending, a success toast, a 400's field messages
 * under the fields they concern and anything else as one error toast.
 */
export function useServerForm<V, R = unknown>(opts: ServerFormOptions<V, R>): ServerForm<V> {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);

  const reset = useEffectEvent(() => {
    form.resetFields();
    const initial = opts.initialValues?.();
    if (initial) form.setFieldsValue(initial);
  });
  useEffect(() => {
    if (opts.open) reset();
  }, [opts.open]);

  const submit = async (values: V) => {
    setBusy(true);
    try {
      const result = await opts.send(values);
      const done = opts.successMessage?.(result, values);
      if (done) message.success(done);
      await opts.onDone?.(result, values);
    } catch (err) {
      if (opts.stale && isVersionConflict(err)) {
        message.error(opts.stale.message);
        await opts.stale.reload();
        return;
      }
      const toast = applyServerErrors(form, renameErrorFields(err, opts.serverNames ?? {}), [...opts.fields], opts.codeFields);
      if (toast) message.error(toast);
    } finally {
      setBusy(false);
    }
  };

  return { form, busy, submit };
}

/** Renames the last path segment of each field problem, so the message lands under the field the user sees. */
function renameErrorFields(err: unknown, names: Record<string, string>): unknown {
  if (!(err instanceof ApiError) || !Array.isArray(err.details) || Object.keys(names).length === 0) return err;
  const details = (err.details as { path?: (string | number)[] }[]).map((d) => {
    if (!d.path?.length) return d;
    const last = String(d.path[d.path.length - 1]);
    return names[last] ? { ...d, path: [...d.path.slice(0, -1), names[last]] } : d;
  });
  return new ApiError(err.status, err.code, err.message, details);
}
