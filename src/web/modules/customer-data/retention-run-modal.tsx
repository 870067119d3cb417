import { ExclamationCircleFilled } from '@ant-design/icons';
import { App, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionRunResult } from '../../../shared/customer-privacy';
import { api, ApiError } from '../../ui/api';
import { testId } from '../../ui/test-id';

/** `POST /api/v1/customer-retention/run`: a queued job with the cutoff fixed when it was asked for. */
export type RetentionRunAnswer = RetentionRunResult;

type Props = {
  /** What the run will take, from a dry run with the saved setting; null while closed. */
  due: { count: number; years: number } | null;
  onClose: () => void;
  onStarted: (r: RetentionRunAnswer) => void;
};

/** The strong confirm of a retention run: the count, what is erased, and the count typed back. */
export function RetentionRunModal({ due, onClose, onStarted }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = !!due && typed.trim() === String(due.count);

  const close = () => {
    setTyped('');
    onClose();
  };
  const run = async () => {
    setBusy(true);
    try {
      const r = await api<RetentionRunAnswer>('/customer-retention/run', { body: { confirm: true } });
      setTyped('');
      onStarted(r);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!due}
      title={
        <Space>
          <ExclamationCircleFilled style={{ color: '#ff4d4f' }} />
          {t('customerPrivacy.retention.runTitle')}
        </Space>
      }
      onCancel={close}
      onOk={run}
      okText={t('customerPrivacy.retention.runOk', { count: due?.count ?? 0 })}
      okButtonProps={{ danger: true, disabled: !matches, ...testId('retention-run-ok') }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {due && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="retention-run-modal">
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t('customerPrivacy.retention.runLead', { count: due.count, years: due.years })}
          </Typography.Text>
          <Typography.Text type="danger">{t('customerPrivacy.retention.runErase')}</Typography.Text>
          <div>
            <Typography.Text>{t('customerPrivacy.retention.runTypeCount', { count: due.count })}</Typography.Text>
            <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={String(due.count)} inputMode="numeric" autoComplete="off" style={{ marginTop: 8 }} data-testid="retention-run-type" onPressEnter={() => matches && void run()} />
          </div>
        </Space>
      )}
    </Modal>
  );
}
