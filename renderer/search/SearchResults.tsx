import { Flex, Tag, Typography } from 'antd';
import type { SearchAnswer } from '../../shared/search/api';
import { chineseDate } from '../common/dates';
import { LineDeadlineTag, LineStatusTag } from '../common/RecordLineTags';
import { href } from '../common/router';
import type { ResultEntry, ResultGroup } from './resultGroups';

const MONO = { fontFamily: 'Consolas, "Courier New", monospace' };

function EntryBody({ entry }: { entry: ResultEntry }) {
  switch (entry.kind) {
    case 'resident': {
      const hit = entry.hit;
      return (
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{hit.name}</Typography.Text>
          <span style={MONO}>{hit.idNumberMasked}</span>
          <Typography.Text type="secondary">
            {hit.villageName}
            {hit.groupName ? ` ${hit.groupName}` : ''}
          </Typography.Text>
          <MatchTag exact={hit.exact} matchedBy={hit.matchedBy} />
        </Flex>
      );
    }
    case 'record': {
      const hit = entry.hit;
      return (
        <Flex vertical gap={2}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong style={MONO}>
              {hit.number ?? (hit.kind === 'errand' ? '代办' : '（未编号）')}
            </Typography.Text>
            <Typography.Text>{hit.title}</Typography.Text>
            <MatchTag exact={hit.exact} matchedBy={hit.matchedBy} />
          </Flex>
          <Flex gap={8} wrap align="center">
            <Typography.Text type="secondary">
              {hit.people} · {chineseDate(hit.on)}
            </Typography.Text>
            <LineStatusTag line={hit} />
            <LineDeadlineTag deadline={hit.deadline} />
          </Flex>
        </Flex>
      );
    }
    case 'document': {
      const hit = entry.hit;
      return (
        <Flex vertical gap={2}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>《{hit.title}》</Typography.Text>
            <span style={MONO}>{hit.verificationCode}</span>
            {hit.supersededAt && <Tag>已被替换</Tag>}
          </Flex>
          <Typography.Text type="secondary">{hit.recordLabel}</Typography.Text>
        </Flex>
      );
    }
  }
}

function MatchTag({ exact, matchedBy }: { exact: boolean; matchedBy: string }) {
  return (
    <Tag color={exact ? 'blue' : undefined} bordered={false}>
      {exact ? `${matchedBy}完全一致` : `按${matchedBy}`}
    </Tag>
  );
}

/** The groups of an answer, each result a link to its record's page. */
export function SearchResults({
  id,
  answer,
  groups,
  activeKey,
  onOpen,
}: {
  id: string;
  answer: SearchAnswer;
  groups: ResultGroup[];
  activeKey: string | undefined;
  onOpen: (entry: ResultEntry) => void;
}) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {answer.interpretedAs}；↑↓ 选择，Enter 打开
      </Typography.Text>
      {groups.length === 0 && <div style={{ padding: '8px 0' }}>没有找到您有权查看的记录</div>}
      <div id={id} role="listbox" aria-label="查找结果">
        {groups.map((group) => (
          <div key={group.kind} role="group" aria-label={group.label} style={{ marginTop: 8 }}>
            <Typography.Text strong style={{ display: 'block', padding: '2px 4px', background: '#f5f7fa' }}>
              {group.label}
            </Typography.Text>
            {group.entries.map((entry) => (
              <a
                key={entry.key}
                id={entry.key}
                role="option"
                aria-selected={entry.key === activeKey}
                href={href(entry.path)}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(entry);
                }}
                style={{
                  display: 'block',
                  padding: '6px 8px',
                  borderRadius: 6,
                  color: 'inherit',
                  background: entry.key === activeKey ? '#e6f4ff' : undefined,
                }}
              >
                <EntryBody entry={entry} />
              </a>
            ))}
            {group.more && (
              <Typography.Text type="secondary" style={{ display: 'block', padding: '2px 8px', fontSize: 12 }}>
                {group.more}
              </Typography.Text>
            )}
          </div>
        ))}
      </div>
      {answer.residentsTooManyForRecords && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          匹配的居民较多，未列出他们的办件；请加上证件号码后几位，或打开居民档案查看其办事记录
        </Typography.Text>
      )}
    </div>
  );
}
