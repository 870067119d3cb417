import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../ui/format';
import { AnonymizeModal, type AnonymizeResult } from './anonymize-modal';
import { consentsKey } from './consents-panel';
import { PersonalDataDownloadModal } from './personal-data-download-modal';

type Props = {
  customerId: string;
  customerName: string;
  /** When set, the customer is anonymized already: the anonymize button is disabled and says when. */
  anonymizedAt?: string | null;
  /** After a successful anonymization (the customer queries are refreshed already). */
  onAnonymized?: (r: AnonymizeResult) => void;
};

/**
 * §2.11 the personal-information actions on one customer: export everything held on the person
 * (a ZIP, with a reason) and anonymize (strong confirm). Renders nothing without `privacy.manage`.
 */
export function PersonalDataActions({ customerId, customerName, anonymizedAt, onAnonymized }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [downloading, setDownloading] = useState(false);
  const [anonymizing, setAnonymizing] = useState(false);
  if (!can('privacy.manage')) return null;

  const done = async (r: AnonymizeResult) => {
    setAnonymizing(false);
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['customer', customerId] }),
      qc.invalidateQueries({ queryKey: ['customers'] }),
      qc.invalidateQueries({ queryKey: consentsKey(customerId) }),
      qc.invalidateQueries({ queryKey: ['privacy-customer-search'] }),
    ]);
    onAnonymized?.(r);
  };

  return (
    <Space wrap data-testid="personal-data-actions">
      <Button icon={<DownloadOutlined />} onClick={() => setDownloading(true)} data-testid="personal-data-download">
        {t('customerPrivacy.personalData.download')}
      </Button>
      <Tooltip title={anonymizedAt ? t('customerPrivacy.anonymize.already', { at: formatDateTime(anonymizedAt).slice(0, 16) }) : undefined}>
        <Button danger icon={<DeleteOutlined />} disabled={!!anonymizedAt} onClick={() => setAnonymizing(true)} data-testid="personal-data-anonymize">
          {t('customerPrivacy.anonymize.button')}
        </Button>
      </Tooltip>
      <PersonalDataDownloadModal customerId={customerId} customerName={customerName} open={downloading} onClose={() => setDownloading(false)} />
      <AnonymizeModal customerId={customerId} customerName={customerName} open={anonymizing} onClose={() => setAnonymizing(false)} onDone={done} />
    </Space>
  );
}
