import { DownloadOutlined, DownOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '../../../shared/customers';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../ui/api';
import { downloadFile } from './export-download';

export type ExportButtonProps = {
  /** The register's search box text. */
  q?: string;
  /** The register's current filter (object or its JSON text). */
  filter?: CustomerFilter | string | null;
  /** The register's sort (`-created_at`, `name` …). */
  sort?: string;
  /** The view's visible columns (`name`, `phone`, `custom.level` …); every column when absent. */
  columns?: string[];
  size?: ButtonProps['size'];
  disabled?: boolean;
};

/**
 * 导出: CSV (UTF-8 with BOM, opens in Excel) or Excel of the current register view. The server
 * applies the caller's data scope and masking rules and escapes formula prefixes. Renders
 * nothing for people without the `data.export` permission.
 */
export function ExportButton({ q, filter, sort, columns, size, disabled }: ExportButtonProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    const hide = message.loading(t('customerData.export.preparing'), 0);
    try {
      const hasFilter = filter && (typeof filter === 'string' ? filter : filter.conditions.length > 0);
      const headers = await downloadFile('/customers/export', {
        query: {
          format,
          q: q?.trim() || undefined,
          filter: hasFilter ? (typeof filter === 'string' ? filter : JSON.stringify(filter)) : undefined,
          sort,
          columns: columns?.length ? columns.join(',') : undefined,
        },
        fallbackName: `${t('customerData.export.fileName')}-${dayjs().format('YYYYMMDD-HHmm')}.${format}`,
      });
      const rows = Number(headers.get('x-export-rows') ?? NaN);
      if (headers.get('x-export-truncated') === '1') message.warning(t('customerData.export.truncated', { rows }));
      else message.success(Number.isFinite(rows) ? t('customerData.export.doneRows', { rows }) : t('customerData.export.done'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      hide();
      setBusy(false);
    }
  };

  if (!can('data.export')) return null;
  return (
    <Dropdown
      disabled={disabled || busy}
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', icon: <FileTextOutlined />, label: t('customerData.export.csv'), onClick: () => void run('csv'), ...{ 'data-testid': 'export-csv' } },
          { key: 'xlsx', icon: <FileExcelOutlined />, label: t('customerData.export.xlsx'), onClick: () => void run('xlsx'), ...{ 'data-testid': 'export-xlsx' } },
        ],
      }}
    >
      <Button size={size} icon={<DownloadOutlined />} loading={busy} data-testid="export-button">
        {t('customerData.export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
