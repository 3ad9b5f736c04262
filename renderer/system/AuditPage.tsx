import { Tabs } from 'antd';
import { AuditEventsLog } from './AuditEventsLog';
import { ChangeLog } from './ChangeLog';

export function AuditPage() {
  return (
    <Tabs
      type="card"
      items={[
        { key: 'events', label: '登录与查看记录', children: <AuditEventsLog /> },
        { key: 'changes', label: '数据变更记录', children: <ChangeLog /> },
      ]}
    />
  );
}
