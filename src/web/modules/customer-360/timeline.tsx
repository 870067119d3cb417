import { ArrowRightOutlined, FilterOutlined } from '@ant-design/icons';
import { Button, Divider, Empty, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PAYMENT_METHODS, TIMELINE_KINDS, type CustomerView, type TimelineEntryView } from '../../../shared/customers';
import { formatFen } from './money';
import { formatMinute, Muted, StatusTag } from './labels';
import { NoteComposer } from './note-composer';
import { useTimeline } from './queries';
import { kindStyle } from './timeline-kinds';
import { enumLabel } from '../customers/customer-labels';

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** An invoice is dated by its issue day (stored as that day's UTC midnight), not by a clock time. */
const entryTime = (e: TimelineEntryView) => (e.kind === 'invoice' && e.sourceType === 'invoice' ? e.at.slice(0, 10) : formatMinute(e.at));

/** What one entry says, per kind; unknown kinds (added by later modules) show their title. */
function EntryBody({ entry: e, customer }: { entry: TimelineEntryView; customer: CustomerView }) {
  const { t } = useTranslation();
  const d = e.detail ?? {};
  // Changed or erased fields arrive as column names (`job_title`); shown by their card labels.
  const fieldNames = Array.isArray(d.fields) && d.fields.length > 0 ? (d.fields as string[]).map((f) => t(`customer360.fields.${camel(f)}`, { defaultValue: f })).join(t('customer360.timeline.listSeparator')) : null;
  const amount = num(d.amountFen);
  const money = amount !== null && (
    <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatFen(amount)}
    </Typography.Text>
  );
  const line = (...parts: ReactNode[]) => (
    <Space size={8} wrap>
      {parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '')}
    </Space>
  );

  switch (e.kind) {
    case 'created': {
      const source = str(d.source);
      return line(e.title ? t('customer360.timeline.createdText', { name: e.title }) : t('customer360.timeline.createdPlain'), source && <Muted>{t('customer360.timeline.source', { source: enumLabel(t, 'sourceChannel', source) })}</Muted>);
    }
    case 'updated':
      return <span>{fieldNames ? t('customer360.timeline.updatedFields', { fields: fieldNames }) : t('customer360.timeline.updatedText')}</span>;
    case 'anonymized':
      return fieldNames ? <span>{t('customer360.timeline.anonymizedFields', { fields: fieldNames })}</span> : null;
    case 'merge': {
      const mergedId = str(d.mergedId);
      return line(
        <span>{t('customer360.timeline.mergedFrom', { name: str(d.mergedName) ?? e.title })}</span>,
        mergedId && <Link to={`/customers/${mergedId}`}>{t('customer360.timeline.openMerged')}</Link>,
      );
    }
    case 'status':
      return (
        <div>
          {line(str(d.from) ? <StatusTag status={String(d.from)} /> : null, str(d.from) ? <ArrowRightOutlined style={{ color: '#8c8c8c', fontSize: 11 }} /> : null, str(d.to) && <StatusTag status={String(d.to)} />)}
          {e.title && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{t('customer360.timeline.reason', { reason: e.title })}</div>}
        </div>
      );
    case 'owner': {
      const to = str(d.to);
      if (!to) return <span>{t('customer360.timeline.ownerCleared')}</span>;
      const name = str(d.toName) ?? (to === customer.ownerId ? customer.ownerName : null);
      const from = str(d.fromName);
      return (
        <span>
          {name ? t('customer360.timeline.ownerTo', { name }) : t('customer360.timeline.ownerChanged')}
          {from && <Typography.Text type="secondary">{` (${t('customer360.timeline.ownerFrom', { name: from })})`}</Typography.Text>}
          {str(d.reason) && <div style={{ marginTop: 4 }}>{t('customer360.timeline.reason', { reason: String(d.reason) })}</div>}
        </span>
      );
    }
    case 'note':
      return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{str(d.text) ?? e.title}</Typography.Paragraph>;
    case 'order':
      return line(<Typography.Text>{t('customer360.timeline.orderNo', { no: e.title })}</Typography.Text>, money, str(d.status) && <Tag style={{ marginInlineEnd: 0 }}>{t(`customer360.orderStatus.${d.status as string}`)}</Tag>);
    case 'invoice':
      return line(<Typography.Text>{t('customer360.timeline.invoiceNo', { no: e.title })}</Typography.Text>, money, str(d.dueAt) && <Muted>{t('customer360.timeline.dueAt', { date: d.dueAt as string })}</Muted>);
    case 'payment': {
      const method = str(d.method);
      return line(
        money,
        method && <Tag style={{ marginInlineEnd: 0 }}>{(PAYMENT_METHODS as readonly string[]).includes(method) ? t(`customer360.paymentMethod.${method}`) : method}</Tag>,
        e.title && <Muted>{t('customer360.timeline.reference', { ref: e.title })}</Muted>,
      );
    }
    default:
      return line(e.title ? <Typography.Text>{e.title}</Typography.Text> : null, money);
  }
}

/**
 * 客户 360 时间线 (§2.5): everything that happened with the customer in one chronological view,
 * newest first, a page at a time, filterable by kind; notes are added on top.
 */
export function TimelineTab({ customer, editable, onSaved }: { customer: CustomerView; editable: boolean; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<string[]>([]);
  const q = useTimeline(customer.id, kinds);
  const entries = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div data-testid="c360-timeline">
      {editable && (
        <>
          <NoteComposer customerId={customer.id} onSaved={onSaved} />
          <Divider style={{ margin: '12px 0 16px' }} />
        </>
      )}
      <Space style={{ marginBottom: 20 }} wrap>
        <FilterOutlined style={{ color: '#8c8c8c' }} />
        <Select
          mode="multiple"
          allowClear
          value={kinds}
          onChange={setKinds}
          placeholder={t('customer360.timeline.allKinds')}
          maxTagCount="responsive"
          style={{ minWidth: 280 }}
          options={TIMELINE_KINDS.map((k) => ({ value: k, label: t(`customer360.kinds.${k}`) }))}
          data-testid="timeline-filter"
        />
      </Space>
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : q.isError ? (
        <Empty description={t('customer360.loadFailed')}>
          <Button onClick={() => q.refetch()}>{t('customer360.retry')}</Button>
        </Empty>
      ) : entries.length === 0 ? (
        <Empty description={kinds.length > 0 ? t('customer360.timeline.noMatch') : t('customer360.timeline.empty')} />
      ) : (
        <>
          <Timeline
            data-testid="timeline-list"
            items={entries.map((e) => {
              const style = kindStyle(e.kind);
              return {
                key: e.id,
                color: style.color,
                icon: <span style={{ color: style.color, fontSize: 15 }}>{style.icon}</span>,
                content: (
                  <div data-testid={`timeline-entry-${e.kind}`} style={{ paddingBottom: 4 }}>
                    <Space size={8} style={{ marginBottom: 2 }}>
                      <Typography.Text strong style={{ color: style.color }}>
                        {t(`customer360.kinds.${e.kind}`, { defaultValue: e.kind })}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {entryTime(e)} · {e.actorName ?? t('customer360.timeline.system')}
                      </Typography.Text>
                    </Space>
                    <div>
                      <EntryBody entry={e} customer={customer} />
                    </div>
                  </div>
                ),
              };
            })}
          />
          <div style={{ textAlign: 'center' }}>
            {q.hasNextPage ? (
              <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="timeline-more">
                {t('common.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('customer360.timeline.end')}
              </Typography.Text>
            )}
          </div>
        </>
      )}
    </div>
  );
}
