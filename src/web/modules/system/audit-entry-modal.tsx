import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { JsonDiff } from '../../ui/json-diff';
import { actionKey, entityKey } from './audit-labels';
import type { AuditEntry } from './audit-types';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 11 } as const;

/** One audit entry by sequence number (e.g. the first broken link of the chain), with its hashes. */
export function AuditEntryModal({ seq, onClose }: { seq: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['audit-entry', seq], queryFn: () => api<AuditEntry>(`/audit/${seq}`), enabled: seq !== null });
  const e = q.data;
  return (
    <Modal open={seq !== null} onCancel={onClose} footer={null} width={860} title={t('audit.entryTitle', { seq })}>
      {q.error ? (
        <Alert type="error" showIcon title={(q.error as Error).message} />
      ) : !e ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('audit.at')}>{formatDateTime(e.at)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>{e.actor.name ?? t('audit.system')}</Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>
              {t(actionKey(e.action), { defaultValue: e.action })} <Typography.Text type="secondary">({e.action})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.entity')}>
              {e.entity.type ? `${t(entityKey(e.entity.type), { defaultValue: e.entity.type })} ${e.entity.id ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.ip')}>{e.ip ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.reason')}>{e.reason ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.prevHash')} span={2}>
              <span style={mono}>{e.prevHash || '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.hash')} span={2}>
              <span style={mono}>{e.hash}</span>
            </Descriptions.Item>
          </Descriptions>
          <JsonDiff before={e.before} after={e.after} />
        </>
      )}
    </Modal>
  );
}
