import { Alert, App, Checkbox, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { testId } from '../../ui/test-id';
import { parseImport, type LineError } from './calendar-import-parse';
import type { Calendar } from './calendar-types';

const EXAMPLE = ['2026-10-01,holiday,国庆节', '2026-10-02,holiday,国庆节', '2026-10-10,workday,国庆节调休'].join('\n');

/** Paste a year of statutory holidays and 调休 workdays; validated per line before sending. */
export function CalendarImportModal({ open, calendar, onClose, onDone }: { open: boolean; calendar: Calendar; onClose: () => void; onDone: (year: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [replace, setReplace] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [serverLines, setServerLines] = useState<LineError[]>([]);
  const { days, lines, errors: parseErrors } = useMemo(() => parseImport(text), [text]);
  const errors = parseErrors.length ? parseErrors : serverLines;
  const years = [...new Set(days.map((d) => d.date.slice(0, 4)))].sort();
  const holidays = days.filter((d) => d.kind === 'holiday').length;

  const submit = async () => {
    setSaving(true);
    setServerError(null);
    setServerLines([]);
    try {
      const res = await api<{ imported: number; replaced: number }>(`/calendars/${calendar.id}/days/import`, { method: 'POST', body: { days, replace } });
      message.success(replace ? t('calendars.import.doneReplaced', { count: res.imported, replaced: res.replaced }) : t('calendars.import.done', { count: res.imported }));
      setText('');
      setReplace(false);
      onDone(days.length ? Number(days[0].date.slice(0, 4)) : null);
    } catch (err) {
      // problems the server found per day (e.g. hours on a holiday) go back onto the pasted lines
      const details = err instanceof ApiError && Array.isArray(err.details) ? (err.details as { path?: (string | number)[]; message?: string }[]) : [];
      const perLine: LineError[] = [];
      for (const d of details) {
        const idx = d.path?.[0] === 'body' && d.path[1] === 'days' ? Number(d.path[2]) : NaN;
        if (Number.isInteger(idx) && lines[idx]) perLine.push({ line: lines[idx], text: `${days[idx].date},${days[idx].kind},${days[idx].name}`, key: '', message: d.message });
      }
      if (perLine.length) setServerLines(perLine);
      else setServerError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('calendars.import.title', { name: calendar.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('calendars.import.submit', { count: days.length })}
      okButtonProps={{ disabled: days.length === 0 || errors.length > 0, loading: saving, ...testId('import-submit') }}
    >
      <Typography.Paragraph type="secondary">{t('calendars.import.help')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code>{t('calendars.import.format')}</Typography.Text>
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setServerLines([]);
          setServerError(null);
        }}
        rows={10}
        placeholder={EXAMPLE}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}
        data-testid="import-text"
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Tag color="red">{t('calendars.import.holidays', { count: holidays })}</Tag>
        <Tag color="blue">{t('calendars.import.workdays', { count: days.length - holidays })}</Tag>
        {errors.length > 0 && <Tag color="error">{t('calendars.import.errorCount', { count: errors.length })}</Tag>}
      </Space>
      <div style={{ marginTop: 12 }}>
        <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="import-replace">
          {t('calendars.import.replace', { years: years.length ? years.join('、') : '—' })}
        </Checkbox>
      </div>
      {errors.length > 0 && (
        <Table<LineError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => `${r.line}-${r.key}-${r.message ?? ''}`}
          pagination={false}
          scroll={{ y: 200 }}
          dataSource={errors}
          data-testid="import-errors"
          columns={[
            { title: t('calendars.import.line'), dataIndex: 'line', width: 70 },
            { title: t('calendars.import.content'), dataIndex: 'text', width: 260, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('calendars.import.problem'), dataIndex: 'key', render: (k: string, r) => <Typography.Text type="danger">{r.message ?? t(k, r.params)}</Typography.Text> },
          ]}
        />
      )}
      {serverError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={serverError} />}
    </Modal>
  );
}
