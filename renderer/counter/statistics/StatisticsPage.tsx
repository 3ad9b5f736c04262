import { Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { navigate, paths, type StatisticsTab } from '../../common/router';
import { LedgerTab } from './LedgerTab';
import { SummaryTab } from './SummaryTab';

const TABS: { key: StatisticsTab; label: string }[] = [
  { key: 'monthly', label: '统计报表' },
  { key: 'ledger', label: '办件台账' },
];

/** A tab another desk adds (排队统计), put in by the composition root. */
export interface MoreStatistics {
  key: StatisticsTab;
  label: string;
  content: ReactNode;
}

/** 统计: the county's figures of a month, quarter or year, and the case ledger; each tab is a route. */
export function StatisticsPage({ tab, more = [] }: { tab: StatisticsTab; more?: readonly MoreStatistics[] }) {
  return (
    <div style={{ maxWidth: 1400 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        统计
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(paths.statistics(key as StatisticsTab))}
        items={[...TABS, ...more].map(({ key, label }) => ({ key, label }))}
      />
      {tab === 'monthly' && <SummaryTab />}
      {tab === 'ledger' && <LedgerTab />}
      {more.find((m) => m.key === tab)?.content}
    </div>
  );
}
