import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { RESIDENT_EDITORS } from '../../shared/auth/roles';
import type { ResidentSummary } from '../../shared/residents/api';
import { navigate, paths } from '../common/router';
import { useHasRole } from '../common/session';
import { isShortcut, isTypingTarget, useHotkeys } from '../common/keyboard';
import { remember } from '../common/sessionMemory';
import { draftFromQuery, DRAFT_KEY } from './draft';
import { ResidentResultsTable } from './ResidentResultsTable';
import { SearchSummary } from './SearchSummary';
import { useResidentSearch } from './useResidentSearch';

export function ResidentSearchPage() {
  const search = useResidentSearch();
  const canRegister = useHasRole(RESIDENT_EDITORS);
  const box = useRef<InputRef>(null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const items = search.answer?.items ?? [];
  const current = search.answeredQuery === search.query && !search.loading;

  useEffect(() => setActiveIndex(-1), [search.answer]);

  const focusBox = () => box.current?.focus({ cursor: 'all' });
  const open = (resident: ResidentSummary) => navigate(paths.resident(resident.id));
  const register = () => {
    remember(DRAFT_KEY, draftFromQuery(search.query));
    navigate(paths.residentNew);
  };

  useHotkeys((event) => {
    if (isShortcut(event, 'F3') || (isShortcut(event, '/') && !isTypingTarget(event.target))) {
      focusBox();
      return true;
    }
    if (canRegister && isShortcut(event, 'Alt+N')) {
      register();
      return true;
    }
  });

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
      const chosen = items[activeIndex];
      if (chosen && current) open(chosen);
      else search.searchNow();
    } else if (event.key === 'Escape' && search.query) {
      search.setQuery('');
    }
  }

  return (
    <div style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          居民
        </Typography.Title>
        {canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={register} title="快捷键 Alt+N">
            登记居民
          </Button>
        )}
      </Flex>
      <label htmlFor="resident-search" style={{ display: 'block', marginBottom: 6, fontWeight: 500 }}>
        查找居民
      </label>
      <Flex gap={8}>
        <Input
          id="resident-search"
          ref={box}
          autoFocus
          size="large"
          allowClear
          prefix={<SearchOutlined />}
          placeholder="姓名、拼音首字母（如 zsf）、证件号码或电话（可只输后 4 位），多个词用空格分开"
          value={search.query}
          onChange={(e) => search.setQuery(e.target.value)}
          onKeyDown={onBoxKey}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls="resident-results"
        />
        <Button size="large" onClick={search.searchNow} loading={search.loading}>
          查找
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '6px 0 12px' }}>
        快捷键：<Typography.Text keyboard>/</Typography.Text> 或 <Typography.Text keyboard>F3</Typography.Text>{' '}
        回到查找框，
        <Typography.Text keyboard>↑</Typography.Text>
        <Typography.Text keyboard>↓</Typography.Text> 选择，<Typography.Text keyboard>Enter</Typography.Text> 打开
        {canRegister && (
          <>
            ，<Typography.Text keyboard>Alt+N</Typography.Text> 登记居民
          </>
        )}
      </Typography.Text>
      {search.error && search.error.code === 'VALIDATION' && (
        <Alert type="info" showIcon title={search.error.message} style={{ marginBottom: 12 }} />
      )}
      {search.error && search.error.code !== 'VALIDATION' && (
        <Alert
          type="error"
          showIcon
          title="查找没有完成"
          description={search.error.message}
          style={{ marginBottom: 12 }}
        />
      )}
      {search.answer && <SearchSummary answer={search.answer} />}
      {search.answer ? (
        <div id="resident-results">
          <ResidentResultsTable items={items} activeIndex={activeIndex} loading={search.loading} onOpen={open} />
          {items.length === 0 && canRegister && (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Button icon={<PlusOutlined />} onClick={register}>
                登记新居民
              </Button>
            </Flex>
          )}
        </div>
      ) : (
        !search.error && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
            输入姓名（如“张三”）、拼音首字母（如“zs”）、完整证件号码，或证件号码、电话的后 4 位即可查找；输入“张
            1234”表示两个条件同时满足。
          </Typography.Paragraph>
        )
      )}
    </div>
  );
}
