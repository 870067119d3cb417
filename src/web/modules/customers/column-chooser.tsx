import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Flex, Popover, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VIEW_COLUMNS } from '../../../shared/customers';
import { columnTitle, DEFAULT_COLUMNS, FIXED_COLUMNS, type ColumnKey } from './customer-columns';
import type { CustomerFieldDef } from './customer-types';

type Props = { value: ColumnKey[]; onChange: (columns: ColumnKey[]) => void; defs: CustomerFieldDef[] };

/**
 * 列设置: which columns the register shows and in what order, built-in and custom fields.
 * The choice belongs to the current view (saved with it) or, with no view, to this browser.
 */
export function ColumnChooser({ value, onChange, defs }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const all: ColumnKey[] = [...VIEW_COLUMNS, ...defs.map((d) => `custom.${d.key}` as ColumnKey)];
  // shown ones in their order first, then the rest in catalogue order
  const ordered = [...value.filter((k) => all.includes(k)), ...all.filter((k) => !value.includes(k))];
  const move = (key: ColumnKey, by: -1 | 1) => {
    const i = value.indexOf(key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= value.length) return;
    const next = [...value];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const toggle = (key: ColumnKey, on: boolean) => onChange(on ? [...value, key] : value.filter((k) => k !== key));

  const content = (
    <div style={{ width: 280 }} data-testid="column-chooser">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('customers.columnChooser.hint')}
      </Typography.Text>
      <div style={{ maxHeight: 360, overflowY: 'auto', marginTop: 8 }}>
        {ordered.map((key, index) => {
          const shown = value.includes(key);
          const custom = key.startsWith('custom.');
          const first = custom && ordered.findIndex((k) => k.startsWith('custom.')) === index;
          return (
            <div key={key}>
              {first && (
                <Divider titlePlacement="start" plain style={{ margin: '8px 0', fontSize: 12 }}>
                  {t('customers.columnChooser.customFields')}
                </Divider>
              )}
              <Flex align="center" justify="space-between" style={{ padding: '2px 0' }}>
                <Checkbox checked={shown} disabled={FIXED_COLUMNS.includes(key)} onChange={(e) => toggle(key, e.target.checked)} data-testid={`column-${key}`}>
                  {columnTitle(t, key, defs, locale)}
                </Checkbox>
                {shown && (
                  <Space size={0}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={value.indexOf(key) === 0} onClick={() => move(key, -1)} aria-label={t('customers.columnChooser.up')} />
                    <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={value.indexOf(key) === value.length - 1} onClick={() => move(key, 1)} aria-label={t('customers.columnChooser.down')} />
                  </Space>
                )}
              </Flex>
            </div>
          );
        })}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onChange(DEFAULT_COLUMNS)}>
        {t('customers.columnChooser.reset')}
      </Button>
    </div>
  );

  return (
    <Popover content={content} title={t('customers.columnChooser.title')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
        {t('customers.columnChooser.button')}
      </Button>
    </Popover>
  );
}
