import { Flex, Tabs, Typography } from 'antd';
import { navigate, paths, type SystemTab } from '../common/router';
import { CalendarPage } from '../calendar/CalendarPage';
import { CatalogPage } from '../catalog/CatalogPage';
import { HallSettingsForm } from '../counter/HallSettingsForm';
import { PrinterSettingsPage } from '../documents/PrinterSettingsPage';
import { AuditPage } from '../system/AuditPage';
import { BackupPage } from '../system/BackupPage';
import { HallNetworkPage } from '../hallNetwork/HallNetworkPage';
import { HallScreensPage } from '../hallScreens/HallScreensPage';
import { IdCardReaderSettings } from '../devices/IdCardReaderSettings';
import { QueueSettingsPage } from '../queue/QueueSettingsPage';
import { UsersPage } from '../system/UsersPage';
import { VillagesPage } from '../system/VillagesPage';
import { desktopUpdates } from '../updates/desktopUpdates';
import { UpdatesPage } from '../updates/UpdatesPage';

const TABS: { key: SystemTab; label: string }[] = [
  { key: 'users', label: '用户' },
  { key: 'villages', label: '村（社区）' },
  { key: 'catalog', label: '事项目录' },
  { key: 'calendar', label: '工作日历' },
  { key: 'printers', label: '打印设置' },
  { key: 'backup', label: '备份与恢复' },
  { key: 'hallNetwork', label: '大厅网络' },
  { key: 'hallScreens', label: '大厅设备' },
  { key: 'queue', label: '排队叫号' },
  { key: 'updates', label: '软件更新' },
  { key: 'audit', label: '审计日志' },
];

/** Each tab is a route (`#/system/users` …), so the back button and links work. */
export function SystemPage({ tab }: { tab: SystemTab }) {
  return (
    <div style={{ maxWidth: 1200 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        系统管理
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(paths.system(key as SystemTab))}
        // 软件更新 only in the desktop app: the hall in a browser has no updater.
        items={TABS.filter(({ key }) => key !== 'updates' || desktopUpdates())}
      />
      {tab === 'users' && <UsersPage />}
      {tab === 'villages' && <VillagesPage />}
      {tab === 'catalog' && (
        <Flex vertical gap={12}>
          <HallSettingsForm />
          <CatalogPage />
        </Flex>
      )}
      {tab === 'calendar' && <CalendarPage />}
      {tab === 'printers' && <PrinterSettingsPage />}
      {tab === 'backup' && <BackupPage />}
      {tab === 'hallNetwork' && <HallNetworkPage />}
      {tab === 'hallScreens' && (
        <Flex vertical gap={16}>
          <HallScreensPage />
          <IdCardReaderSettings />
        </Flex>
      )}
      {tab === 'queue' && <QueueSettingsPage />}
      {tab === 'updates' && <UpdatesPage />}
      {tab === 'audit' && <AuditPage />}
    </div>
  );
}
