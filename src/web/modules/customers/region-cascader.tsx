import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions } from './customer-queries';
import type { RegionNode } from './customer-types';

type RegionOption = { value: string; label: string; children?: RegionOption[] };

export { regionCodesOf, regionName, regionPathOf, regionPathTo, type RegionCodes } from './region-codes';

function toOptions(nodes: RegionNode[], depth: number): RegionOption[] {
  return nodes.map((n) => ({
    value: n.code,
    label: n.name,
    children: depth > 1 && n.children?.length ? toOptions(n.children, depth - 1) : undefined,
  }));
}

type Props = {
  value?: string[] | string[][];
  onChange?: (value: string[] | string[][]) => void;
  /** 1 = provinces, 2 = down to cities, 3 = down to districts (default). */
  depth?: 1 | 2 | 3;
  /** Several regions at once (filters); the value is then a list of paths down to the deepest level shown. */
  multiple?: boolean;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  status?: 'error' | 'warning';
  id?: string;
  'data-testid'?: string;
};

/**
 * Province → city → district picker over GB/T 2260 (`GET /api/v1/regions`). Any level may be
 * the last one chosen (an address known only to the city is fine); typing searches every level
 * (深圳, 南山). The value is the path of codes, e.g. `['44', '4403', '440305']`.
 */
export function RegionCascader({ value, onChange, depth = 3, multiple, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const regions = useRegions();
  const options = useMemo(() => toOptions(regions.data ?? [], depth), [regions.data, depth]);
  const search = {
    filter: (input: string, path: RegionOption[]) => path.some((o) => o.label.includes(input.trim())),
    limit: 50 as const,
  };
  const common = {
    ...rest,
    options,
    loading: regions.isLoading,
    allowClear: true,
    showSearch: search,
    changeOnSelect: !multiple,
    placeholder: placeholder ?? t('customers.region.placeholder'),
    notFoundContent: regions.isError ? t('customers.region.loadFailed') : t('customers.region.notFound'),
  };
  if (multiple) {
    return (
      <Cascader<RegionOption>
        {...common}
        multiple
        maxTagCount="responsive"
        showCheckedStrategy={Cascader.SHOW_CHILD}
        value={value as string[][] | undefined}
        onChange={(v) => onChange?.((v ?? []) as string[][])}
      />
    );
  }
  return <Cascader<RegionOption> {...common} value={value as string[] | undefined} onChange={(v) => onChange?.((v ?? []) as string[])} />;
}
