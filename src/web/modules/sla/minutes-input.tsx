import { InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** A duration in minutes entered as hours + minutes; both empty = no target (null). */
export function MinutesInput({ value, onChange, id, testId }: { value?: number | null; onChange?: (v: number | null) => void; id?: string; testId?: string }) {
  const { t } = useTranslation();
  const hours = value === null || value === undefined ? null : Math.floor(value / 60);
  const minutes = value === null || value === undefined ? null : value % 60;
  const emit = (h: number | null, m: number | null) => {
    if (h === null && m === null) onChange?.(null);
    else onChange?.((h ?? 0) * 60 + (m ?? 0));
  };
  return (
    <Space.Compact id={id} data-testid={testId}>
      <InputNumber<number> min={0} max={8760} precision={0} value={hours} onChange={(h) => emit(h, minutes)} suffix={t('sla.hours')} style={{ width: 130 }} aria-label={t('sla.hours')} />
      <InputNumber<number> min={0} max={59} precision={0} value={minutes} onChange={(m) => emit(hours, m)} suffix={t('sla.minutes')} style={{ width: 120 }} aria-label={t('sla.minutes')} />
    </Space.Compact>
  );
}
