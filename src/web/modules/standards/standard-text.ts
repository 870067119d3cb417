import type { TFunction } from 'i18next';
import { METRIC_DEFS, type ServiceStandardDto } from '../../../shared/service-metrics';

/** "≤ 4 working h (≥ 90% of cases)", "≥ 90%": a standard's target in words. */
export function targetText(t: TFunction, s: Pick<ServiceStandardDto, 'metric' | 'target' | 'goalPercent'>): string {
  const def = METRIC_DEFS[s.metric];
  if (def.kind === 'per_case') return t('standards.targetText.per_case', { target: s.target, unit: t(`standards.unit.${def.unit}`), goal: s.goalPercent });
  return t(`standards.targetText.${def.direction}`, { target: s.target });
}
