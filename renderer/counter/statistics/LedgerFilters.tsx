import { UndoOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CatalogEntry } from '../../../shared/catalog/api';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../../shared/catalog/catalog';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../../../shared/counter/caseStatus';
import type { LedgerFilter } from '../../../shared/counter/ledgerApi';
import { monthSpan } from '../../../shared/counter/statistics';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../common/session';
import { enterMovesFocus } from '../../common/enterMovesFocus';
import type { FieldStatus } from '../../common/useServerErrors';
import { ItemPicker } from '../../catalog/ItemPicker';

/** The filter as the form holds it: the item as picked (its name stays shown). */
export interface LedgerFilterValues {
  from: string;
  to: string;
  item: CatalogEntry | null;
  category?: ServiceCategory;
  status?: CaseStatus;
  clerkId?: string;
  agentId?: string;
  villageId?: string;
}

/** This month, nothing else narrowed. */
export function defaultLedgerFilter(today: string): LedgerFilterValues {
  return { ...monthSpan(today.slice(0, 7)), item: null };
}

export function toLedgerFilter({ item, ...rest }: LedgerFilterValues): LedgerFilter {
  const filter: LedgerFilter = { ...rest, ...(item ? { itemCode: item.item.code } : {}) };
  // Absent, not undefined: the filter is also the key of the pages read.
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as LedgerFilter;
}

interface Props {
  value: LedgerFilterValues;
  onChange: (next: LedgerFilterValues) => void;
  today: string;
  /** The server's messages about the filter of the last read, beside their fields. */
  fieldErrors: Record<string, string>;
}

const selectStyle = { width: 180 };

/** 办件台账's filter: each choice applies at once; Enter moves to the next one. */
export function LedgerFilters({ value, onChange, today, fieldErrors }: Props) {
  const { info } = useSession();
  const clerks = useQuery('counter.clerks', {});
  const agents = useQuery('errands.agents', {});
  const villages = useQuery('places.listVillages', {});

  const set = (patch: Partial<LedgerFilterValues>) => onChange({ ...value, ...patch });
  const status = (...fields: string[]): FieldStatus => {
    const message = fields.map((field) => fieldErrors[`filter.${field}`] ?? fieldErrors[field]).find(Boolean);
    return message ? { validateStatus: 'error', help: message } : {};
  };

  const clerkOptions = (clerks.data?.clerks ?? []).map((c) => ({
    value: c.id,
    label: c.id === info.user.id ? `本人（${c.name}）` : c.active ? c.name : `${c.name}（停用）`,
  }));

  return (
    <div onKeyDownCapture={enterMovesFocus}>
      <Form layout="vertical" component={false} requiredMark={false}>
        <Flex gap={12} wrap align="flex-end">
          <Form.Item label="收件日期" htmlFor="ledger-from" style={{ marginBottom: 8 }} {...status('from', 'to')}>
            <DatePicker.RangePicker
              id={{ start: 'ledger-from', end: 'ledger-to' }}
              allowClear={false}
              format="YYYY-MM-DD"
              value={[dayjs(value.from), dayjs(value.to)]}
              onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
                const [from, to] = range ?? [];
                if (from && to) set({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
              }}
              presets={[
                { label: '本月', value: [dayjs(today).startOf('month'), dayjs(today).endOf('month')] },
                {
                  label: '上月',
                  value: [
                    dayjs(today).subtract(1, 'month').startOf('month'),
                    dayjs(today).subtract(1, 'month').endOf('month'),
                  ],
                },
                { label: '今年', value: [dayjs(today).startOf('year'), dayjs(today).endOf('year')] },
              ]}
            />
          </Form.Item>
          <Form.Item label="事项" htmlFor="ledger-item" style={{ marginBottom: 8, width: 300 }} {...status('itemCode')}>
            <ItemPicker id="ledger-item" value={value.item} onChange={(item) => set({ item })} />
          </Form.Item>
          <Form.Item label="类别" htmlFor="ledger-category" style={{ marginBottom: 8 }}>
            <Select<ServiceCategory>
              id="ledger-category"
              allowClear
              placeholder="全部类别"
              style={selectStyle}
              value={value.category}
              onChange={(category) => set({ category })}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
          <Form.Item label="状态" htmlFor="ledger-status" style={{ marginBottom: 8 }}>
            <Select<CaseStatus>
              id="ledger-status"
              allowClear
              placeholder="全部状态"
              style={selectStyle}
              value={value.status}
              onChange={(status) => set({ status })}
              options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
            />
          </Form.Item>
          {clerkOptions.length > 0 && (
            <Form.Item label="经办人" htmlFor="ledger-clerk" style={{ marginBottom: 8 }}>
              <Select<string>
                id="ledger-clerk"
                allowClear
                placeholder="全部经办人"
                style={selectStyle}
                value={value.clerkId}
                loading={clerks.loading}
                onChange={(clerkId) => set({ clerkId })}
                options={clerkOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          )}
          <Form.Item label="代办员" htmlFor="ledger-agent" style={{ marginBottom: 8 }}>
            <Select<string>
              id="ledger-agent"
              allowClear
              placeholder="不限"
              style={selectStyle}
              value={value.agentId}
              loading={agents.loading}
              onChange={(agentId) => set({ agentId })}
              options={(agents.data?.agents ?? []).map((a) => ({ value: a.userId, label: a.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item label="村（社区）" htmlFor="ledger-village" style={{ marginBottom: 8 }}>
            <Select<string>
              id="ledger-village"
              allowClear
              placeholder="全部村（社区）"
              style={selectStyle}
              value={value.villageId}
              loading={villages.loading}
              onChange={(villageId) => set({ villageId })}
              options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button icon={<UndoOutlined />} onClick={() => onChange(defaultLedgerFilter(today))}>
              重置
            </Button>
          </Form.Item>
        </Flex>
      </Form>
    </div>
  );
}
