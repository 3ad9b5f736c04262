import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type {
  QueueCategory,
  QueueSettings,
  QueueWindow,
  SaveCategoryInput,
  SaveWindowInput,
} from '../../shared/queue/api';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { FormDialog } from '../common/FormDialog';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';

type CategoryValues = Omit<SaveCategoryInput, 'id' | 'version'>;
type WindowValues = Omit<SaveWindowInput, 'id' | 'version'>;

/**
 * 排队叫号 (administrator): the categories tickets are taken for at the kiosk (the letter before
 * the number) and the hall's windows with the categories each calls. Nothing is deleted — tickets
 * point at them — a category or window no longer used is switched off.
 */
export function QueueSettingsPage() {
  const settings = useQuery('queue.settings', {});
  const [data, setData] = useState<QueueSettings | null>(null);
  const [editingCategory, setEditingCategory] = useState<QueueCategory | 'new' | null>(null);
  const [editingWindow, setEditingWindow] = useState<QueueWindow | 'new' | null>(null);
  if (settings.error && !settings.data)
    return <LoadFailed error={settings.error} what="排队叫号设置" onRetry={settings.reload} />;
  const current = data ?? settings.data;
  if (!current) return <Loading />;
  const categoryName = new Map(current.categories.map((c) => [c.id, `${c.prefix} ${c.name}`]));
  const nextOrder = Math.max(0, ...current.categories.map((c) => c.sortOrder)) + 1;
  const unusedLetter = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    .split('')
    .find((l) => !current.categories.some((c) => c.prefix === l));

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Alert
        type="info"
        showIcon
        title="取号机上按类别取号，号码为类别字母加当天序号（如 A001），每天从 001 重新开始"
        description="每个窗口叫它所办类别中最早取号的号；转到某窗口的号由该窗口优先叫。取号机和叫号屏在“大厅屏幕”中配对。"
      />
      <Card
        size="small"
        title="取号类别"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setEditingCategory('new')}>
            新增类别
          </Button>
        }
      >
        <Table<QueueCategory>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={current.categories}
          locale={{ emptyText: '还没有取号类别' }}
          columns={[
            { title: '字母', dataIndex: 'prefix', width: 70 },
            { title: '类别名称', dataIndex: 'name' },
            { title: '排序', dataIndex: 'sortOrder', width: 80 },
            { title: '状态', key: 'active', width: 90, render: (_, c) => <ActiveTag active={c.active} /> },
            {
              title: '',
              key: 'edit',
              width: 90,
              render: (_, c) => (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditingCategory(c)}
                  aria-label={`修改类别${c.name}`}
                >
                  修改
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="窗口"
        extra={
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditingWindow('new')}
            disabled={current.categories.length === 0}
          >
            新增窗口
          </Button>
        }
      >
        <Table<QueueWindow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={current.windows}
          locale={{ emptyText: current.categories.length ? '还没有窗口' : '请先新增取号类别' }}
          columns={[
            { title: '窗口', dataIndex: 'name', width: 140 },
            {
              title: '办理类别',
              key: 'categories',
              render: (_, w) => w.categoryIds.map((id) => <Tag key={id}>{categoryName.get(id) ?? '—'}</Tag>),
            },
            { title: '状态', key: 'active', width: 90, render: (_, w) => <ActiveTag active={w.active} /> },
            {
              title: '',
              key: 'edit',
              width: 90,
              render: (_, w) => (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditingWindow(w)}
                  aria-label={`修改${w.name}`}
                >
                  修改
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <FormDialog<CategoryValues>
        open={editingCategory !== null}
        key={editingCategory === 'new' ? 'new-category' : (editingCategory?.id ?? 'none')}
        title={editingCategory === 'new' ? '新增取号类别' : '修改取号类别'}
        okText="保存"
        name="queue-category"
        fields={['prefix', 'name', 'sortOrder', 'active']}
        initialValues={
          editingCategory && editingCategory !== 'new'
            ? editingCategory
            : { prefix: unusedLetter ?? '', name: '', sortOrder: nextOrder, active: true }
        }
        onSubmit={async (values) => {
          const saved = await call('queue.saveCategory', {
            ...values,
            ...(editingCategory && editingCategory !== 'new'
              ? { id: editingCategory.id, version: editingCategory.version }
              : {}),
          });
          setData(saved);
        }}
        onClose={() => setEditingCategory(null)}
      >
        {(server) => (
          <>
            <Form.Item
              name="prefix"
              label="号码字母"
              extra="号码的第一个字母，如 A 类号为 A001、A002……"
              rules={[{ required: true, pattern: /^[A-Za-z]$/, message: '请填写 A 到 Z 中的一个字母' }]}
              {...server.fieldStatus('prefix')}
            >
              <Input maxLength={1} style={{ width: 80 }} autoFocus />
            </Form.Item>
            <Form.Item
              name="name"
              label="类别名称"
              extra="取号机按钮上的字，如 社保医保、民政救助、综合业务"
              rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}
              {...server.fieldStatus('name')}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item
              name="sortOrder"
              label="排序"
              extra="取号机上从小到大排列"
              rules={[{ required: true, message: '请填写排序' }]}
              {...server.fieldStatus('sortOrder')}
            >
              <InputNumber min={0} max={999} precision={0} />
            </Form.Item>
            <Form.Item name="active" label="启用" valuePropName="checked" {...server.fieldStatus('active')}>
              <Switch />
            </Form.Item>
          </>
        )}
      </FormDialog>
      <FormDialog<WindowValues>
        open={editingWindow !== null}
        key={editingWindow === 'new' ? 'new-window' : (editingWindow?.id ?? 'none')}
        title={editingWindow === 'new' ? '新增窗口' : '修改窗口'}
        okText="保存"
        name="queue-window"
        fields={['name', 'categoryIds', 'active']}
        initialValues={
          editingWindow && editingWindow !== 'new'
            ? editingWindow
            : { name: `${current.windows.length + 1}号窗口`, categoryIds: [], active: true }
        }
        onSubmit={async (values) => {
          const saved = await call('queue.saveWindow', {
            ...values,
            ...(editingWindow && editingWindow !== 'new'
              ? { id: editingWindow.id, version: editingWindow.version }
              : {}),
          });
          setData(saved);
        }}
        onClose={() => setEditingWindow(null)}
      >
        {(server) => (
          <>
            <Form.Item
              name="name"
              label="窗口名称"
              extra="叫号屏上显示和播报的名称，如 3号窗口"
              rules={[{ required: true, whitespace: true, message: '请填写窗口名称' }]}
              {...server.fieldStatus('name')}
            >
              <Input maxLength={20} autoFocus />
            </Form.Item>
            <Form.Item
              name="categoryIds"
              label="办理类别"
              extra="本窗口叫这些类别的号"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个办理类别' }]}
              {...server.fieldStatus('categoryIds')}
            >
              <Checkbox.Group
                options={current.categories
                  .filter((c) => c.active || (editingWindow !== 'new' && editingWindow?.categoryIds.includes(c.id)))
                  .map((c) => ({ value: c.id, label: `${c.prefix} ${c.name}` }))}
              />
            </Form.Item>
            <Form.Item name="active" label="启用" valuePropName="checked" {...server.fieldStatus('active')}>
              <Switch />
            </Form.Item>
          </>
        )}
      </FormDialog>
      <Typography.Text type="secondary">只有系统管理员可以修改。</Typography.Text>
    </Flex>
  );
}

function ActiveTag({ active }: { active: boolean }) {
  return active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>;
}
