import { Descriptions, Tag, Typography } from 'antd';
import { HANDLING_TYPE_LABELS, type CatalogItem, type HandlingType } from '../../shared/catalog/catalog';

type TimedItem = Pick<CatalogItem, 'handlingType' | 'promisedWorkingDays' | 'forwardedTo'>;

const HANDLING_TYPE_COLOURS: Record<HandlingType, string> = {
  immediate: 'green',
  promised: 'blue',
  forwarded: 'purple',
};

export function HandlingTypeTag({ type }: { type: HandlingType }) {
  return <Tag color={HANDLING_TYPE_COLOURS[type]}>{HANDLING_TYPE_LABELS[type]}</Tag>;
}

/** 当场办结 / 承诺 5 个工作日 / 转报县医疗保障局（本级 5 个工作日）. */
export function timeLimitText(item: TimedItem): string {
  if (item.handlingType === 'immediate') return '当场办结';
  const days = item.promisedWorkingDays === null ? null : `${item.promisedWorkingDays} 个工作日`;
  if (item.handlingType === 'promised') return days ? `承诺 ${days}` : '—';
  return `转报${item.forwardedTo ?? '县级部门'}${days ? `（本级 ${days}）` : '（时限以县级部门为准）'}`;
}

/** What the clerk tells the resident about the item before taking the papers. */
export function ItemFacts({ item }: { item: CatalogItem }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'type', label: '办件类型', children: <HandlingTypeTag type={item.handlingType} /> },
        { key: 'limit', label: '办理时限', children: timeLimitText(item) },
        { key: 'department', label: '责任部门', children: item.department },
        {
          key: 'agent',
          label: '代办',
          children: item.agentAllowed ? '可代办' : <Typography.Text type="secondary">须本人办理</Typography.Text>,
        },
        { key: 'basis', label: '设定依据', span: 2, children: item.legalBasis },
      ]}
    />
  );
}
