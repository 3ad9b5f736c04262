import { Flex, Select, Typography } from 'antd';
import type { RefSelectProps } from 'antd';
import type { Ref } from 'react';
import { useState } from 'react';
import type { CatalogEntry } from '../../shared/catalog/api';
import { useQuery } from '../api/useQuery';
import { HandlingTypeTag, timeLimitText } from './itemInfo';

interface Props {
  id: string;
  value: CatalogEntry | null;
  onChange: (entry: CatalogEntry | null) => void;
  disabled?: boolean;
  status?: 'error';
  ref?: Ref<RefSelectProps>;
  /** Errands: only the items an agent may handle (可代办). */
  agentAllowedOnly?: boolean;
}

/** Step 2 of an intake: the item, found by name, code or pinyin initials (低保, MZ-001, zdshbz). */
export function ItemPicker({ id, value, onChange, disabled, status, ref, agentAllowedOnly }: Props) {
  const [query, setQuery] = useState('');
  const catalog = useQuery('catalog.list', {
    query: query.trim().slice(0, 40),
    ...(agentAllowedOnly ? { agentAllowedOnly } : {}),
  });
  const entries = catalog.data?.entries ?? [];
  // The chosen item stays an option while another search is typed.
  const options = [...(value && !entries.some((e) => e.item.code === value.item.code) ? [value] : []), ...entries];

  return (
    <Select<string>
      ref={ref}
      id={id}
      showSearch={{ filterOption: false, onSearch: setQuery, autoClearSearchValue: true }}
      allowClear
      disabled={disabled}
      status={status}
      style={{ width: '100%' }}
      placeholder="输入事项名称、编码或拼音首字母，如 低保、MZ-001、zdshbz"
      value={value?.item.code}
      loading={catalog.loading}
      notFoundContent={
        catalog.error ? catalog.error.message : catalog.loading ? '正在查找……' : '没有找到符合条件的事项'
      }
      onChange={(code) => {
        onChange(options.find((e) => e.item.code === code) ?? null);
        setQuery('');
      }}
      options={options.map((entry) => ({ value: entry.item.code, label: `${entry.item.code} ${entry.item.name}` }))}
      optionRender={(option) => {
        const entry = options.find((e) => e.item.code === option.value);
        if (!entry) return option.label;
        return (
          <Flex vertical>
            <span>
              <Typography.Text type="secondary">{entry.item.code}</Typography.Text> {entry.item.name}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <HandlingTypeTag type={entry.item.handlingType} />
              {timeLimitText(entry.item)} · {entry.item.department}
            </Typography.Text>
          </Flex>
        );
      }}
    />
  );
}
