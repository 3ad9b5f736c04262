import { DeleteOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Popconfirm, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { IssuedDocument } from '../../shared/documents/api';
import { PETITION_STAFF, type ReceptionDay } from '../../shared/petitions/api';
import { call, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useHasRole } from '../common/session';
import { FormDialog } from '../common/FormDialog';
import { IssuedDocumentAlert } from '../common/IssuedDocumentAlert';
import { LoadFailed } from '../common/LoadFailed';
import { recall, remember } from '../common/sessionMemory';
import { useToday } from '../common/useToday';
import { monthLabel, MonthStepper } from '../common/ReportControls';

const MONTH_KEY = 'petitions.receptionMonth';
/** The place named last (the reception room rarely changes). */
const PLACE_KEY = 'petitions.receptionPlace';
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = '时间格式应为 时:分，如 09:30';

function monthRange(month: string): { from: string; to: string } {
  const first = dayjs(`${month}-01`);
  return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD') };
}

interface DayValues {
  on?: Dayjs | null;
  startsAt: string;
  endsAt: string;
  place: string;
  leaderName: string;
  leaderTitle: string;
  note?: string;
}

/** 领导接访: the month's rota (who receives when and where), kept by the receptionist and printed for posting. */
export function ReceptionTab() {
  const { message } = App.useApp();
  const today = useToday();
  const canWork = useHasRole(PETITION_STAFF);
  const [chosenMonth, setChosenMonth] = useState<string | null>(() => recall<string>(MONTH_KEY) ?? null);
  const month = chosenMonth ?? today.slice(0, 7);
  const range = monthRange(month);
  const days = useQuery('petitions.receptionDays', range);
  const [editing, setEditing] = useState<ReceptionDay | 'new' | null>(null);
  const [posting, setPosting] = useState<IssuedDocument | null>(null);
  const [issuing, setIssuing] = useState(false);

  function choose(next: string) {
    setChosenMonth(next);
    remember(MONTH_KEY, next);
    setPosting(null);
  }

  async function remove(day: ReceptionDay) {
    try {
      await call('petitions.deleteReceptionDay', { id: day.id });
      void message.success(`已取消${day.on}的接访安排`);
      days.reload();
    } catch (error) {
      void message.error(`没有取消：${errorMessage(error)}`);
    }
  }

  async function issuePosting() {
    setIssuing(true);
    try {
      const answer = await call('petitions.printReceptionRota', range);
      setPosting(answer.document);
    } catch (error) {
      void message.error(`接访公示没有出具：${errorMessage(error)}`);
    } finally {
      setIssuing(false);
    }
  }

  const columns: ColumnsType<ReceptionDay> = [
    {
      title: '日期',
      key: 'on',
      width: 170,
      render: (_, d) => (
        <Typography.Text strong={d.on === today}>{dayjs(d.on).format('YYYY年M月D日 dddd')}</Typography.Text>
      ),
    },
    { title: '时间', key: 'time', width: 120, render: (_, d) => `${d.startsAt}至${d.endsAt}` },
    { title: '地点', dataIndex: 'place', key: 'place' },
    { title: '接访领导', key: 'leader', width: 180, render: (_, d) => `${d.leaderTitle} ${d.leaderName}` },
    { title: '备注', dataIndex: 'note', key: 'note', render: (v: string) => v || '—' },
    { title: '登记', key: 'petitions', width: 80, render: (_, d) => `${d.petitions} 件` },
    ...(canWork
      ? [
          {
            title: '',
            key: 'actions',
            width: 170,
            render: (_: unknown, d: ReceptionDay) => (
              <Flex gap={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                  修改
                </Button>
                {d.petitions > 0 ? (
                  <Tooltip title="这一天已有登记的信访件，不能取消">
                    <Button size="small" icon={<DeleteOutlined />} disabled>
                      取消
                    </Button>
                  </Tooltip>
                ) : (
                  <Popconfirm
                    title={`取消${d.on}的接访安排？`}
                    okText="取消安排"
                    cancelText="保留"
                    onConfirm={() => remove(d)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />}>
                      取消
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <MonthStepper id="reception-month" label="月份" month={month} today={today} allowFuture onChange={choose} />
        </Flex>
        {canWork && (
          <Flex gap={8} wrap>
            <Button icon={<PrinterOutlined />} loading={issuing} onClick={() => void issuePosting()}>
              打印接访公示
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增接访安排
            </Button>
          </Flex>
        )}
      </Flex>
      <Typography.Text type="secondary">
        在领导接访日登记的来访，登记时自动带出接访领导；接访公示列出所选月份的全部安排，打印后张贴。
      </Typography.Text>
      {posting && (
        <IssuedDocumentAlert
          title={`接访公示（${monthLabel(month)}）`}
          document={posting}
          onClose={() => setPosting(null)}
        />
      )}
      {days.error && !days.data ? (
        <LoadFailed error={days.error} what={`${monthLabel(month)}的接访安排`} onRetry={days.reload} />
      ) : (
        <Table<ReceptionDay>
          rowKey="id"
          size="small"
          pagination={false}
          loading={days.loading}
          dataSource={days.data?.days ?? []}
          columns={columns}
          locale={{ emptyText: `${monthLabel(month)}还没有安排领导接访` }}
        />
      )}
      {editing && (
        <ReceptionDayDialog
          day={editing === 'new' ? null : editing}
          defaultDate={today.startsWith(month) ? today : range.from}
          onSaved={(saved) => {
            void message.success(`已保存${saved.on}的接访安排`);
            if (!saved.on.startsWith(month)) choose(saved.on.slice(0, 7));
            else days.reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

function ReceptionDayDialog({
  day,
  defaultDate,
  onSaved,
  onClose,
}: {
  day: ReceptionDay | null;
  defaultDate: string;
  onSaved: (day: ReceptionDay) => void;
  onClose: () => void;
}) {
  const initial: DayValues = day
    ? { ...day, on: dayjs(day.on) }
    : {
        on: dayjs(defaultDate),
        startsAt: '09:00',
        endsAt: '12:00',
        place: recall<string>(PLACE_KEY) ?? '',
        leaderName: '',
        leaderTitle: '',
        note: '',
      };
  return (
    <FormDialog<DayValues>
      open
      title={day ? '修改接访安排' : '新增接访安排'}
      okText="保存"
      name="reception-day"
      width={600}
      fields={['on', 'startsAt', 'endsAt', 'place', 'leaderName', 'leaderTitle', 'note']}
      initialValues={initial}
      onSubmit={async (values) => {
        const saved = await call('petitions.saveReceptionDay', {
          ...(day ? { id: day.id } : {}),
          on: values.on ? values.on.format('YYYY-MM-DD') : '',
          startsAt: values.startsAt,
          endsAt: values.endsAt,
          place: values.place,
          leaderName: values.leaderName,
          leaderTitle: values.leaderTitle,
          note: values.note ?? '',
        });
        remember(PLACE_KEY, saved.place);
        onSaved(saved);
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="on"
              label="接访日期"
              rules={[{ required: true, message: '请选择接访日期' }]}
              {...server.fieldStatus('on')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 160 }} autoFocus />
            </Form.Item>
            <Form.Item
              name="startsAt"
              label="开始时间"
              rules={[
                { required: true, message: '请填写开始时间' },
                { pattern: TIME_PATTERN, message: TIME_MESSAGE },
              ]}
              {...server.fieldStatus('startsAt')}
            >
              <Input maxLength={5} style={{ width: 100 }} placeholder="09:00" />
            </Form.Item>
            <Form.Item
              name="endsAt"
              label="结束时间"
              rules={[
                { required: true, message: '请填写结束时间' },
                { pattern: TIME_PATTERN, message: TIME_MESSAGE },
              ]}
              {...server.fieldStatus('endsAt')}
            >
              <Input maxLength={5} style={{ width: 100 }} placeholder="12:00" />
            </Form.Item>
          </Flex>
          <Form.Item
            name="place"
            label="接访地点"
            rules={[{ required: true, whitespace: true, message: '请填写接访地点' }]}
            {...server.fieldStatus('place')}
          >
            <Input maxLength={60} placeholder="如 镇群众工作站（信访接待室）" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="leaderName"
              label="接访领导"
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: '请填写接访领导的姓名' }]}
              {...server.fieldStatus('leaderName')}
            >
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item
              name="leaderTitle"
              label="领导职务"
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: '请填写领导职务' }]}
              {...server.fieldStatus('leaderTitle')}
            >
              <Input maxLength={30} placeholder="如 镇长、党委副书记" />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label="备注" {...server.fieldStatus('note')}>
            <Input maxLength={200} placeholder="如 重点接待征地拆迁方面的来访" />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
