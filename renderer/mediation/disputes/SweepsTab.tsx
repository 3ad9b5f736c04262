import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CommitteeRecord } from '../../../shared/mediation/committees';
import { MEDIATION_WORKERS, type SweepInput, type SweepRecord } from '../../../shared/mediation/disputesApi';
import { ApiCallError, call } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useHasRole } from '../../common/session';
import { FormDialog } from '../../common/FormDialog';
import { LoadFailed } from '../../common/LoadFailed';
import { chineseDate, pastDateRules } from '../../common/dates';
import { useToday } from '../../common/useToday';
import { committeeOptionLabel } from '../labels';

interface Values {
  committeeId: string;
  heldOn: Dayjs;
  area: string;
  team: string;
  note?: string;
}

const FIELDS = ['committeeId', 'heldOn', 'area', 'team', 'note'];

function toValues(sweep: SweepRecord): Values {
  return {
    committeeId: sweep.committeeId,
    heldOn: dayjs(sweep.heldOn),
    area: sweep.area,
    team: sweep.team,
    note: sweep.note,
  };
}

function toInput(values: Values, sweep: SweepRecord | null): SweepInput {
  return {
    ...(sweep ? { id: sweep.id, version: sweep.version } : {}),
    committeeId: values.committeeId,
    heldOn: values.heldOn.format('YYYY-MM-DD'),
    area: values.area ?? '',
    team: values.team ?? '',
    note: values.note ?? '',
  };
}

/** 排查: the dated sweeps of each committee and how many disputes each found. */
export function SweepsTab() {
  const { message } = App.useApp();
  const canWork = useHasRole(MEDIATION_WORKERS);
  const [committeeId, setCommitteeId] = useState<string | null>(null);
  const committees = useQuery('mediation.committees', { includeInactive: true });
  const sweeps = useQuery('mediation.sweeps', committeeId ? { committeeId } : {});
  const [dialog, setDialog] = useState<{ open: boolean; sweep: SweepRecord | null }>({ open: false, sweep: null });
  const allCommittees = committees.data?.committees ?? [];

  async function reloadSweep(id: string): Promise<SweepRecord> {
    const answer = await call('mediation.sweeps', {});
    sweeps.reload();
    const fresh = answer.sweeps.find((s) => s.id === id);
    if (!fresh) throw new ApiCallError('mediation.sweeps', { code: 'NOT_FOUND', message: '已找不到这次排查' });
    setDialog({ open: true, sweep: fresh });
    return fresh;
  }

  const columns: ColumnsType<SweepRecord> = [
    { title: '排查日期', key: 'heldOn', width: 130, render: (_, row) => chineseDate(row.heldOn) },
    { title: '调委会', dataIndex: 'committeeName', key: 'committeeName', width: 220 },
    { title: '排查范围', dataIndex: 'area', key: 'area' },
    { title: '排查人员', dataIndex: 'team', key: 'team' },
    {
      title: '排查情况',
      dataIndex: 'note',
      key: 'note',
      render: (note: string) => note || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '发现纠纷', key: 'disputesFound', width: 90, render: (_, row) => `${row.disputesFound} 件` },
    ...(canWork
      ? [
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, row: SweepRecord) => (
              <Button size="small" onClick={() => setDialog({ open: true, sweep: row })}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  if (sweeps.error && !sweeps.data) return <LoadFailed error={sweeps.error} what="排查记录" onRetry={sweeps.reload} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Select
          aria-label="按调委会筛选"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部调委会"
          style={{ width: 300 }}
          value={committeeId ?? undefined}
          onChange={(id?: string) => setCommitteeId(id ?? null)}
          options={allCommittees.map((c) => ({ value: c.id, label: committeeOptionLabel(c) }))}
        />
        {canWork && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true, sweep: null })}>
            登记排查
          </Button>
        )}
      </Flex>
      <Table<SweepRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sweeps.data?.sweeps ?? []}
        loading={sweeps.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '还没有排查记录' }}
      />
      {canWork && (
        <SweepDialog
          open={dialog.open}
          sweep={dialog.sweep}
          committees={allCommittees}
          defaultCommitteeId={committeeId}
          onClose={() => setDialog((d) => ({ ...d, open: false }))}
          onSaved={(sweep) => {
            void message.success(`已保存${chineseDate(sweep.heldOn)}的排查`);
            sweeps.reload();
          }}
          onReload={reloadSweep}
        />
      )}
    </Flex>
  );
}

interface DialogProps {
  open: boolean;
  sweep: SweepRecord | null;
  committees: readonly CommitteeRecord[];
  defaultCommitteeId: string | null;
  onClose: () => void;
  onSaved: (sweep: SweepRecord) => void;
  onReload: (id: string) => Promise<SweepRecord>;
}

function SweepDialog({ open, sweep, committees, defaultCommitteeId, onClose, onSaved, onReload }: DialogProps) {
  const today = useToday();
  const options = committees
    .filter((c) => c.active || c.id === sweep?.committeeId)
    .map((c) => ({ value: c.id, label: committeeOptionLabel(c) }));
  const firstActive = committees.find((c) => c.active)?.id;
  return (
    <FormDialog<Values>
      open={open}
      title={sweep ? `修改排查：${chineseDate(sweep.heldOn)}` : '登记排查'}
      okText="保存"
      name="sweep"
      width={620}
      fields={FIELDS}
      initialValues={
        sweep
          ? toValues(sweep)
          : { committeeId: defaultCommitteeId ?? firstActive, heldOn: dayjs(today), area: '', team: '', note: '' }
      }
      onClose={onClose}
      onStale={sweep ? async (form) => form.setFieldsValue(toValues(await onReload(sweep.id))) : undefined}
      onSubmit={async (values) => onSaved(await call('mediation.saveSweep', toInput(values, sweep)))}
    >
      {(server) => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="committeeId"
              label="调委会"
              style={{ flex: 1, minWidth: 260 }}
              rules={[{ required: true, message: '请选择调委会' }]}
              {...server.fieldStatus('committeeId')}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={options} />
            </Form.Item>
            <Form.Item
              name="heldOn"
              label="排查日期"
              rules={[{ required: true, message: '请选择排查日期' }, ...pastDateRules('排查日期', today)]}
              {...server.fieldStatus('heldOn')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 160 }} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="area"
            label="排查范围"
            rules={[{ required: true, whitespace: true, message: '请填写排查范围' }]}
            {...server.fieldStatus('area')}
          >
            <Input autoFocus maxLength={100} placeholder="如：东岗村一组、二组，集贸市场" />
          </Form.Item>
          <Form.Item
            name="team"
            label="排查人员"
            rules={[{ required: true, whitespace: true, message: '请填写排查人员' }]}
            {...server.fieldStatus('team')}
          >
            <Input maxLength={200} placeholder="如：刘德明、吴秀兰、村网格员张强" />
          </Form.Item>
          <Form.Item name="note" label="排查情况" {...server.fieldStatus('note')}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="可不填" />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
