import { Flex, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '../../shared/audit/api';
import { call } from '../api/client';
import { PagedTable, timeColumn } from '../common/PagedTable';
import { PAGE_SIZE, usePagedLog } from '../common/usePagedLog';

const ACTION_COLORS: Partial<Record<AuditAction, string>> = {
  signInFailed: 'orange',
  accountLocked: 'red',
  readPersonalData: 'blue',
  print: 'purple',
  export: 'purple',
};

const columns: ColumnsType<AuditEvent> = [
  timeColumn<AuditEvent>('时间', 'at'),
  { title: '操作人', dataIndex: 'actorName', key: 'actorName', width: 120 },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    width: 130,
    render: (action: AuditAction) => <Tag color={ACTION_COLORS[action]}>{AUDIT_ACTION_LABELS[action]}</Tag>,
  },
  { title: '内容', dataIndex: 'summary', key: 'summary' },
];

/** Sign-ins and reads of personal data (who opened whose record), newest first. */
export function AuditEventsLog() {
  const [action, setAction] = useState<AuditAction | undefined>();
  const log = usePagedLog<AuditEvent>(action ?? 'all', (last) =>
    call('audit.events', { limit: PAGE_SIZE, ...(action ? { action } : {}), ...(last ? { before: last.id } : {}) }),
  );
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <label htmlFor="audit-action">操作类型</label>
        <Select<AuditAction | 'all'>
          id="audit-action"
          style={{ width: 180 }}
          value={action ?? 'all'}
          onChange={(value) => setAction(value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: '全部' },
            ...AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] })),
          ]}
        />
      </Flex>
      <PagedTable<AuditEvent> rowKey="id" columns={columns} log={log} emptyText="没有记录" />
    </>
  );
}
