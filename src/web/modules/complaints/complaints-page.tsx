import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageCard } from '../../ui/page-card';
import { ComplaintLimits } from './complaint-limits';
import { ComplaintList } from './complaint-list';
import { ComplaintStats } from './complaint-stats';

/** §5.4 complaints: the list (who is late), statistics by cause, step time limits. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'list';
  return (
    <PageCard title={t('complaints.title')} description={t('complaints.description')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'list' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'list', label: t('complaints.tabs.list'), children: <ComplaintList /> },
          { key: 'stats', label: t('complaints.tabs.stats'), children: <ComplaintStats /> },
          { key: 'limits', label: t('complaints.tabs.limits'), children: <ComplaintLimits /> },
        ]}
      />
    </PageCard>
  );
}
