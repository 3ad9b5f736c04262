import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { HANDLING_TYPE_LABELS, type CatalogItem } from '../../shared/catalog/catalog';
import type { CatalogEntry } from '../../shared/catalog/api';
import { isItemActive } from '../../shared/catalog/search';
import { call, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ImportJsonButton } from '../common/ImportJsonButton';
import { downloadJson } from '../common/jsonFiles';
import { LoadFailed } from '../common/LoadFailed';
import { CatalogItemDialog } from './CatalogItemDialog';

function timeLimit(item: CatalogItem): string {
  if (item.handlingType === 'immediate') return '当场办结';
  const days = item.promisedWorkingDays === null ? '' : `${item.promisedWorkingDays} 个工作日`;
  return item.handlingType === 'forwarded' ? `转报${item.forwardedTo ?? ''}${days ? `（本级 ${days}）` : ''}` : days;
}

/**
 * 事项目录: the county's items and the township's own. The administrator imports the county's
 * file (a new version updates and retires items; local ones stay), edits items and exports.
 */
export function CatalogPage() {
  const [query, setQuery] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const catalog = useQuery('catalog.list', { query, includeInactive });
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<{ open: boolean; entry: CatalogEntry | null }>({ open: false, entry: null });

  if (catalog.error) return <LoadFailed error={catalog.error} what="事项目录" onRetry={catalog.reload} />;
  const info = catalog.data?.info;

  async function importFile(data: unknown) {
    try {
      const answer = await call('catalog.importFile', data as never);
      modal.success({
        title: `已导入事项目录 ${answer.version}`,
        content: [
          `新增 ${answer.added.length} 项，更新 ${answer.updated.length} 项，停用 ${answer.retired.length} 项。`,
          answer.retired.length > 0 ? `停用：${answer.retired.join('、')}（已受理的办件不受影响）。` : '',
          answer.replacedLocal.length > 0
            ? `县目录已使用这些本地事项的编码，本地事项已被县里的事项替换：${answer.replacedLocal.join('、')}。`
            : '',
        ].join(''),
      });
      catalog.reload();
    } catch (error) {
      modal.error({ title: '没有导入', content: errorMessage(error) });
    }
  }

  async function exportFile() {
    try {
      const file = await call('catalog.exportFile', {});
      downloadJson(`事项目录-${file.version}.json`, file);
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  const today = dayjs().format('YYYY-MM-DD');
  const columns: ColumnsType<CatalogEntry> = [
    { title: '编码', key: 'code', width: 90, render: (_, { item }) => item.code },
    {
      title: '事项名称',
      key: 'name',
      render: (_, entry) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDialog({ open: true, entry })}>
          {entry.item.name}
        </Button>
      ),
    },
    { title: '类别', key: 'category', width: 90, render: (_, { item }) => item.category },
    { title: '办件类型', key: 'type', width: 90, render: (_, { item }) => HANDLING_TYPE_LABELS[item.handlingType] },
    { title: '时限', key: 'limit', width: 220, render: (_, { item }) => timeLimit(item) },
    { title: '材料', key: 'materials', width: 70, render: (_, { item }) => `${item.materials.length} 项` },
    {
      title: '代办',
      key: 'agent',
      width: 80,
      render: (_, { item }) =>
        item.agentAllowed ? '可代办' : <Typography.Text type="secondary">须本人</Typography.Text>,
    },
    {
      title: '来源',
      key: 'origin',
      width: 70,
      render: (_, entry) => (entry.origin === 'local' ? <Tag color="blue">本地</Tag> : '县级'),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, { item }) =>
        isItemActive(item, today) ? (
          <Tag color="green">有效</Tag>
        ) : item.activeTo !== null && item.activeTo < today ? (
          <Tag>已停用 {item.activeTo}</Tag>
        ) : (
          <Tag color="orange">{item.activeFrom} 起</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Input.Search
          aria-label="查找事项"
          placeholder="名称、编码或拼音首字母，如 低保、MZ-001、zdshbz"
          allowClear
          style={{ width: 380 }}
          onSearch={setQuery}
          onChange={(event) => event.target.value === '' && setQuery('')}
        />
        <Checkbox checked={includeInactive} onChange={(event) => setIncludeInactive(event.target.checked)}>
          含已停用事项
        </Checkbox>
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true, entry: null })}>
            新增本地事项
          </Button>
          <ImportJsonButton onData={(data) => void importFile(data)}>导入县级目录</ImportJsonButton>
          <Button icon={<DownloadOutlined />} onClick={() => void exportFile()}>
            导出
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        {info?.version
          ? `县级目录版本 ${info.version}（${info.issuedBy ?? ''}，${dayjs(info.importedAt).format('YYYY-MM-DD')} 导入）`
          : '尚未导入县级目录'}
        {catalog.data && ` · 共 ${catalog.data.entries.length} 项`}
      </Typography.Text>
      <Table<CatalogEntry>
        rowKey={(entry) => entry.item.code}
        size="small"
        columns={columns}
        dataSource={catalog.data?.entries ?? []}
        loading={catalog.loading}
        pagination={false}
        locale={{ emptyText: query ? '没有找到符合条件的事项' : '目录中还没有事项' }}
      />
      <CatalogItemDialog
        open={dialog.open}
        entry={dialog.entry}
        onClose={() => setDialog({ open: false, entry: null })}
        onSaved={(saved) => {
          message.success(`已保存事项“${saved.item.name}”`);
          catalog.reload();
        }}
      />
    </Flex>
  );
}
