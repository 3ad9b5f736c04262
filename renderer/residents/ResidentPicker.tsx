import { PlusOutlined, SearchOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Input, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { RESIDENT_EDITORS } from '../../shared/auth/roles';
import type { ResidentSummary } from '../../shared/residents/api';
import { ID_TYPE_LABELS } from '../../shared/residents/idTypes';
import { desktopPrinting } from '../api/client';
import { href, paths } from '../common/router';
import { useHasRole } from '../common/session';
import { remember } from '../common/sessionMemory';
import { draftFromQuery, DRAFT_KEY } from './draft';
import { ResidentResultsTable } from './ResidentResultsTable';
import { SearchSummary } from './SearchSummary';
import { useResidentSearch } from './useResidentSearch';

interface Props {
  value: ResidentSummary | null;
  onChange: (resident: ResidentSummary | null) => void;
  /** The input's id, for the label above it. */
  id: string;
  disabled?: boolean;
  /** Start with an empty search box (the next resident), not the last search of the session. */
  startEmpty?: boolean;
  /** Who the resident is to the form: 申请人 at the counter, 委托人 for an errand. */
  noun?: string;
}

/** Step 1 of an intake: find the applicant as on the residents page (↑ ↓ and Enter pick one). */
export function ResidentPicker({ value, onChange, id, disabled, startEmpty = false, noun = '申请人' }: Props) {
  const search = useResidentSearch();
  const canRegister = useHasRole(RESIDENT_EDITORS);
  const box = useRef<InputRef>(null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const items = search.answer?.items ?? [];
  const current = search.answeredQuery === search.query && !search.loading;

  useEffect(() => setActiveIndex(-1), [search.answer]);
  const { setQuery } = search;
  useEffect(() => {
    if (startEmpty) setQuery('');
  }, [startEmpty, setQuery]);

  if (value) {
    return (
      <Flex gap={12} align="flex-start" wrap>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          style={{ flex: 1, minWidth: 320 }}
          items={[
            { key: 'name', label: '姓名', children: <Typography.Text strong>{value.name}</Typography.Text> },
            {
              key: 'id',
              label: ID_TYPE_LABELS[value.idType],
              children: (
                <span style={{ fontFamily: 'Consolas, "Courier New", monospace' }}>{value.idNumberMasked}</span>
              ),
            },
            { key: 'phone', label: '电话', children: value.phoneMasked || '—' },
            {
              key: 'place',
              label: '村（社区）',
              children: value.groupName ? `${value.villageName} / ${value.groupName}` : value.villageName,
            },
          ]}
        />
        <Button icon={<SwapOutlined />} disabled={disabled} onClick={() => onChange(null)}>
          更换{noun}
        </Button>
      </Flex>
    );
  }

  function onBoxKey(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      setActiveIndex((i) => Math.min(i + 1, items.length - 1));
    } else if (event.key === 'ArrowUp' && items.length > 0) {
      event.preventDefault();
      setActiveIndex((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = items[activeIndex] ?? (items.length === 1 ? items[0] : undefined);
      if (chosen && current) onChange(chosen);
      else search.searchNow();
    } else if (event.key === 'Escape' && search.query) {
      search.setQuery('');
    }
  }

  // The desktop window opens no second window: there the form is left (the search is kept).
  const inNewTab = desktopPrinting() === null;
  const registerLink = canRegister && (
    <Button
      icon={<PlusOutlined />}
      href={href(paths.residentNew)}
      target={inNewTab ? '_blank' : undefined}
      onClick={() => remember(DRAFT_KEY, draftFromQuery(search.query))}
    >
      登记新居民{inNewTab ? '（新标签页）' : ''}
    </Button>
  );

  return (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <Input
          id={id}
          ref={box}
          autoFocus
          allowClear
          disabled={disabled}
          prefix={<SearchOutlined />}
          placeholder="姓名、拼音首字母、证件号码或电话（可只输后 4 位）"
          value={search.query}
          onChange={(e) => search.setQuery(e.target.value)}
          onKeyDown={onBoxKey}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={`${id}-results`}
        />
        <Button onClick={search.searchNow} loading={search.loading} disabled={disabled}>
          查找
        </Button>
        {registerLink}
      </Flex>
      <Typography.Text type="secondary">
        <Typography.Text keyboard>↑</Typography.Text>
        <Typography.Text keyboard>↓</Typography.Text> 选择，<Typography.Text keyboard>Enter</Typography.Text> 确定{noun}
        ；只找到一人时直接按 Enter。
        {inNewTab && canRegister && '查无此人时可在新标签页登记，登记后回到这里再查一次。'}
      </Typography.Text>
      {search.error && (
        <Alert
          type={search.error.code === 'VALIDATION' ? 'info' : 'error'}
          showIcon
          title={search.error.code === 'VALIDATION' ? search.error.message : '查找没有完成'}
          description={search.error.code === 'VALIDATION' ? undefined : search.error.message}
        />
      )}
      {search.answer && (
        <div id={`${id}-results`}>
          <SearchSummary answer={search.answer} />
          <ResidentResultsTable items={items} activeIndex={activeIndex} loading={search.loading} onOpen={onChange} />
        </div>
      )}
    </Flex>
  );
}
