// The one search in the header of every screen: numbers, codes (typed or scanned), people.
// Ctrl+K puts the cursor in it; Enter opens the record the query names exactly, or the result
// chosen with ↑↓; a scan (a burst of keys and Enter) anywhere but in a field does the same.
import { SearchOutlined } from '@ant-design/icons';
import { Input, Spin, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchAnswer, SearchTarget } from '../../shared/search/api';
import { isShortcut, useHotkeys } from '../common/keyboard';
import { linePath } from '../common/RecordLineTags';
import { navigate, paths } from '../common/router';
import { useSession } from '../common/session';
import { resultGroups, type ResultEntry } from './resultGroups';
import { SearchResults } from './SearchResults';
import { useEverythingSearch } from './useEverythingSearch';
import { useScanner } from './useScanner';

export const SEARCH_SHORTCUT = 'Ctrl+K';
const LISTBOX_ID = 'everything-search-results';

export function GlobalSearch() {
  const { info, screenLocked } = useSession();
  const roles = info.user.roles;
  const search = useEverythingSearch();
  const box = useRef<InputRef>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const groups = useMemo(() => (search.answer ? resultGroups(search.answer, roles) : []), [search.answer, roles]);
  const entries = useMemo(() => groups.flatMap((group) => group.entries), [groups]);
  useEffect(() => setActive(-1), [search.answer]);

  const targetPath = (target: SearchTarget): string => {
    const { kind, id, caseId } = target;
    if (kind === 'resident') return paths.resident(id);
    if (kind === 'document') return paths.document(id);
    return linePath({ kind, id, caseId }, roles);
  };

  const go = (path: string) => {
    setOpen(false);
    box.current?.blur();
    navigate(path);
  };

  /** Enter, typed or scanned: the chosen result, else the one record named exactly, else the list. */
  const submit = async (text: string, chosen: ResultEntry | undefined) => {
    if (chosen) return go(chosen.path);
    const answer: SearchAnswer | null =
      search.answeredQuery === text && !search.loading && search.answer ? search.answer : await search.searchNow(text);
    if (answer?.direct) return go(targetPath(answer.direct));
    setOpen(true);
  };

  useHotkeys((event) => {
    if (isShortcut(event, SEARCH_SHORTCUT)) {
      box.current?.focus({ cursor: 'all' });
      setOpen(true);
      return true;
    }
  });

  // The scanned text stays in the box (searchNow puts it there), so the clerk sees what was read.
  useScanner((text) => {
    box.current?.focus();
    void submit(text, undefined);
  }, !screenLocked);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' && entries.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, entries.length - 1));
    } else if (event.key === 'ArrowUp' && entries.length > 0) {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void submit(search.query, open ? entries[active] : undefined);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open) setOpen(false);
      else search.setQuery('');
    }
  }

  const showPanel = open && search.query.trim() !== '';
  const activeId = active >= 0 && entries[active] ? entries[active].key : undefined;
  return (
    <div style={{ position: 'relative', width: 300, lineHeight: 'normal' }}>
      <Input
        ref={box}
        aria-label="一站查找"
        role="combobox"
        aria-expanded={showPanel}
        aria-controls={LISTBOX_ID}
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        placeholder={`编号、核验码、姓名、证件尾号（${SEARCH_SHORTCUT}）`}
        prefix={search.loading ? <Spin size="small" /> : <SearchOutlined />}
        allowClear
        value={search.query}
        onChange={(event) => {
          search.setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        // A click in the list keeps the focus (mouseDown is prevented there), so blur means leaving.
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {showPanel && (
        <div
          onMouseDown={(event) => event.preventDefault()}
          style={{
            position: 'absolute',
            top: 'calc(100% + 4px)',
            left: 0,
            width: 560,
            maxHeight: '70vh',
            overflowY: 'auto',
            background: '#fff',
            border: '1px solid #e5e7eb',
            borderRadius: 8,
            boxShadow: '0 6px 16px rgba(0,0,0,0.12)',
            zIndex: 1050,
            padding: 8,
          }}
        >
          {search.error && search.answeredQuery === search.query ? (
            <Typography.Text type="danger">{search.error.fieldErrors.query ?? search.error.message}</Typography.Text>
          ) : search.answer ? (
            <SearchResults
              id={LISTBOX_ID}
              answer={search.answer}
              groups={groups}
              activeKey={activeId}
              onOpen={(entry) => go(entry.path)}
            />
          ) : (
            <Typography.Text type="secondary">正在查找……</Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}
