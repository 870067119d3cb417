import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SKILL_CODE, SKILL_LEVELS } from './team-types';

const LEVEL_COLORS = ['default', 'blue', 'cyan', 'green', 'gold'] as const;

/**
 * Skills as tags, each with a proficiency 1–5: pick a tag's level from its small select, close
 * it to remove it, type a new code and press Enter (or Add). Codes are trimmed; an empty, too
 * long or repeated code is explained under the input instead of being sent.
 */
export function SkillsEditor({ value = {}, onChange, disabled, compact }: { value?: Record<string, number>; onChange?: (v: Record<string, number>) => void; disabled?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [level, setLevel] = useState(3);
  const [error, setError] = useState<string | null>(null);
  const entries = Object.entries(value);

  const add = () => {
    const code = draft.trim();
    if (!code) return setError(t('teams.skills.codeRequired'));
    if (code.length > MAX_SKILL_CODE) return setError(t('teams.skills.codeTooLong'));
    if (code in value) return setError(t('teams.skills.codeDuplicate'));
    setError(null);
    setDraft('');
    onChange?.({ ...value, [code]: level });
  };
  const remove = (code: string) => {
    const next = { ...value };
    delete next[code];
    onChange?.(next);
  };
  const levelOptions = SKILL_LEVELS.map((l) => ({ value: l, label: t('teams.skills.levelShort', { level: l }), title: t('teams.skills.level', { level: l }) }));

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space size={[4, 4]} wrap>
        {entries.length === 0 && <Typography.Text type="secondary">{t('teams.skills.empty')}</Typography.Text>}
        {entries.map(([code, lv]) => (
          <Tag key={code} color={LEVEL_COLORS[lv - 1]} closable={!disabled} onClose={() => remove(code)} style={{ marginInlineEnd: 0, paddingInlineEnd: 4 }} data-testid="skill-tag">
            <Tooltip title={t('teams.skills.level', { level: lv })}>
              <span>{code}</span>
            </Tooltip>
            <Select
              size="small"
              variant="borderless"
              value={lv}
              disabled={disabled}
              options={levelOptions}
              popupMatchSelectWidth={false}
              onChange={(l: number) => onChange?.({ ...value, [code]: l })}
              style={{ width: 52, marginInlineStart: 2 }}
              aria-label={t('teams.skills.level', { level: lv })}
            />
          </Tag>
        ))}
      </Space>
      {!disabled && (
        <Space.Compact style={{ width: compact ? 260 : '100%', maxWidth: 360 }}>
          <Input
            size="small"
            value={draft}
            status={error ? 'error' : undefined}
            placeholder={t('teams.skills.placeholder')}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
            }}
            onPressEnter={(e) => {
              e.preventDefault();
              add();
            }}
            data-testid="skill-input"
          />
          <Select size="small" value={level} options={levelOptions} onChange={setLevel} style={{ width: 64 }} aria-label={t('teams.skills.level', { level })} />
          <Button size="small" icon={<PlusOutlined />} onClick={add} data-testid="skill-add">
            {t('teams.skills.add')}
          </Button>
        </Space.Compact>
      )}
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}
