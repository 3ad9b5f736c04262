import { ArrowLeftOutlined, EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { RESIDENT_EDITORS } from '../../shared/auth/roles';
import { SEX_LABELS, type ResidentRecord } from '../../shared/residents/api';
import { ID_TYPE_LABELS } from '../../shared/residents/idTypes';
import { href, navigate, paths } from '../common/router';
import { useHasRole } from '../common/session';
import { isShortcut, useHotkeys } from '../common/keyboard';

function formatTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

export function ResidentDetails({ record }: { record: ResidentRecord }) {
  const canEdit = useHasRole(RESIDENT_EDITORS);

  useHotkeys((event) => {
    if (canEdit && isShortcut(event, 'Alt+E')) {
      navigate(paths.residentEdit(record.id));
      return true;
    }
    if (isShortcut(event, 'Escape')) {
      navigate(paths.residentSearch);
      return true;
    }
  });

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '姓名', children: <Typography.Text strong>{record.name}</Typography.Text> },
    { key: 'idType', label: '证件类型', children: ID_TYPE_LABELS[record.idType] },
    {
      key: 'idNumber',
      label: '证件号码',
      children: (
        <span style={{ fontFamily: 'Consolas, "Courier New", monospace', fontSize: 16 }}>{record.idNumber}</span>
      ),
    },
    { key: 'sex', label: '性别', children: record.sex ? SEX_LABELS[record.sex] : '—' },
    { key: 'birthDate', label: '出生日期', children: record.birthDate ?? '—' },
    { key: 'ethnicity', label: '民族', children: record.ethnicity },
    { key: 'phone', label: '联系电话', children: record.phone || '—' },
    { key: 'village', label: '村（社区）', children: record.villageName },
    { key: 'group', label: '村民小组', children: record.groupName ?? '—' },
    { key: 'address', label: '住址', children: record.address || '—', span: 'filled' },
    {
      key: 'note',
      label: '备注',
      children: record.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{record.note}</span> : '—',
      span: 'filled',
    },
    { key: 'createdAt', label: '登记时间', children: formatTime(record.createdAt) },
    { key: 'updatedAt', label: '最后修改', children: formatTime(record.updatedAt) },
  ];

  return (
    <div style={{ maxWidth: 1000 }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space align="center">
          <Button icon={<ArrowLeftOutlined />} href={href(paths.residentSearch)} title="快捷键 Esc">
            返回查找
          </Button>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {record.name}
          </Typography.Title>
        </Space>
        {canEdit && (
          <Button
            type="primary"
            icon={<EditOutlined />}
            href={href(paths.residentEdit(record.id))}
            title="快捷键 Alt+E"
          >
            编辑
          </Button>
        )}
      </Flex>
      <Descriptions bordered column={{ xs: 1, md: 2 }} items={items} styles={{ label: { width: 120 } }} />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        <SafetyCertificateOutlined /> 本次查看已记入审计日志
      </Typography.Text>
    </div>
  );
}
