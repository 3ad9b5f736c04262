import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Descriptions, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import type { AppVersionRecord } from '../../shared/about/api';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { minuteTime } from '../common/dates';

/**
 * 关于 in the header, in both hosts: the app's version and the database's schema, and the
 * versions that have opened this database — each with the backup taken before it upgraded the
 * data, so an administrator going back to an older version knows which backup that version opens.
 */
export function AboutButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<InfoCircleOutlined />} onClick={() => setOpen(true)}>
        关于
      </Button>
      <Modal
        open={open}
        title="关于乡镇一站通"
        footer={null}
        width={760}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {open && <AboutContent />}
      </Modal>
    </>
  );
}

function AboutContent() {
  const about = useQuery('about.info', {});
  if (!about.data)
    return about.error ? <LoadFailed error={about.error} what="版本信息" onRetry={about.reload} /> : <Loading />;
  const a = about.data;
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'app', label: '程序版本', children: <span data-testid="about-app-version">{a.appVersion}</span> },
          {
            key: 'schema',
            label: '数据库结构',
            children: (
              <span data-testid="about-schema-version">
                {a.schemaVersion}
                <Typography.Text type="secondary">（{a.schemaMigration}）</Typography.Text>
              </span>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        新版本第一次打开数据时会先自动备份（升级前备份），再升级数据库；升级失败会自动用备份恢复原数据。
        旧版本不能打开新版本升级过的数据库。
      </Typography.Paragraph>
      <Table<AppVersionRecord>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={a.versions}
        locale={{ emptyText: '尚无记录' }}
        columns={[
          { title: '用过的版本', dataIndex: 'version', width: 100 },
          {
            title: '数据库结构',
            dataIndex: 'schemaVersion',
            width: 100,
            render: (name: string) => /^\d+/.exec(name)?.[0] ?? name,
          },
          { title: '首次打开', dataIndex: 'firstOpenedAt', width: 140, render: minuteTime },
          {
            title: '升级前备份',
            dataIndex: 'upgradeBackup',
            render: (folder: string | null) =>
              folder ? (
                <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                  {folder}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
