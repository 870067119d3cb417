import { Form, Modal, type ButtonProps, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { testId } from './test-id';
import type { ServerForm } from './use-server-form';

type Props<V> = {
  /** From `useServerForm`: the form, its busy flag (on the OK button) and its submit handler. */
  server: ServerForm<V>;
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  okText: ReactNode;
  /** `data-testid` of the OK button. */
  okTestId: string;
  /** More of the OK button: `danger`, `disabled` until a confirmation is typed, an icon. */
  okButtonProps?: Omit<ButtonProps, 'loading'>;
  width?: number;
  /** `data-testid` of the form. */
  formTestId?: string;
  /** The space between the title and the form (16 px; 0 where the dialog opens with its own text). */
  top?: number;
  /** More of the form (layout is vertical): `initialValues`, `requiredMark`, `preserve`. */
  formProps?: Omit<FormProps<V>, 'form' | 'onFinish' | 'layout'>;
  children: ReactNode;
};

/** A dialog holding one vertical form: OK submits it, Cancel closes, the content is dropped when hidden. */
export function FormModal<V>({ server, open, onClose, title, okText, okTestId, okButtonProps, width, formTestId, top = 16, formProps, children }: Props<V>) {
  return (
    <Modal
      open={open}
      width={width}
      title={title}
      onCancel={onClose}
      onOk={() => server.form.submit()}
      okText={okText}
      confirmLoading={server.busy}
      okButtonProps={{ ...okButtonProps, ...testId(okTestId) }}
      destroyOnHidden
    >
      <Form<V> form={server.form} layout="vertical" onFinish={server.submit} style={top ? { marginTop: top } : undefined} data-testid={formTestId} {...formProps}>
        {children}
      </Form>
    </Modal>
  );
}
