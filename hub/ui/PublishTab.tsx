import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { calendarFile, type CalendarFile } from '../../shared/calendar/workingCalendar';
import { catalogFile, type CatalogFile } from '../../shared/catalog/catalog';
import {
  COUNTY_PATHS,
  type PublishCalendarRequest,
  type PublishCatalogRequest,
  type PublishResponse,
  type TownshipRow,
} from '../../shared/sync/countyApi';
import { useCounty } from './countyContext';
import { readJsonFile } from './files';
import { TownshipPicker, targetNodeIds, type TargetValues } from './TownshipPicker';
import { useLoad } from './useLoad';

/** The service catalog and the holiday calendar: each replaces the townships' copy when it arrives. */
export function PublishTab() {
  const client = useCounty();
  const townships = useLoad(() => client.get<TownshipRow[]>(COUNTY_PATHS.townships));
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <PublishCard<CatalogFile>
          title="服务事项目录"
          name="catalog"
          schema={catalogFile}
          townships={townships.data ?? []}
          describe={(file) =>
            `目录版本 ${file.version}，${file.items.length} 个事项${file.issuedBy ? `，${file.issuedBy}发布` : ''}`
          }
          publish={(file, _version, nodeIds) =>
            client.post<PublishResponse>(COUNTY_PATHS.catalog, { file, nodeIds } satisfies PublishCatalogRequest)
          }
        />
      </Col>
      <Col xs={24} lg={12}>
        <PublishCard<CalendarFile>
          title="节假日工作日历"
          name="calendar"
          schema={calendarFile}
          withVersion
          townships={townships.data ?? []}
          describe={(file) => `包含 ${file.years.map((y) => y.year).join('、')} 年`}
          publish={(file, version, nodeIds) =>
            client.post<PublishResponse>(COUNTY_PATHS.calendar, {
              file,
              version,
              nodeIds,
            } satisfies PublishCalendarRequest)
          }
        />
      </Col>
    </Row>
  );
}

interface PublishValues extends TargetValues {
  version?: string;
}

function PublishCard<F>(props: {
  title: string;
  name: string;
  schema: z.ZodType<F>;
  withVersion?: boolean;
  townships: TownshipRow[];
  describe: (file: F) => string;
  publish: (file: F, version: string, nodeIds: string[] | null) => Promise<PublishResponse>;
}) {
  const [form] = Form.useForm<PublishValues>();
  const [file, setFile] = useState<{ name: string; data: F } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(chosen: File) {
    setError(null);
    setDone(null);
    setFile(null);
    const parsed = await readJsonFile(chosen);
    if (!parsed.ok) return setError(parsed.message);
    const checked = props.schema.safeParse(parsed.data);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue?.path.length ? `（位置：${issue.path.join('.')}）` : '';
      return setError(`“${chosen.name}”不能发布：${issue?.message ?? '格式不对'}${where}`);
    }
    setFile({ name: chosen.name, data: checked.data });
  }

  async function submit(values: PublishValues) {
    if (!file) return setError('请先选择文件');
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answer = await props.publish(file.data, values.version?.trim() ?? '', targetNodeIds(values));
      setDone(`已发布“${file.name}”，将送达 ${answer.delivered} 个乡镇（乡镇下次联系时收到）`);
      setFile(null);
      form.resetFields();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '发布失败');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={props.title} size="small" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 12 }} />}
      <Form<PublishValues> form={form} name={props.name} layout="vertical" onFinish={submit}>
        <Form.Item label="文件（JSON）">
          <Upload
            accept="application/json,.json"
            showUploadList={false}
            beforeUpload={(chosen) => {
              void choose(chosen);
              // Read here and checked before anything is sent.
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
          {file && (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              {file.name}：{props.describe(file.data)}
            </Typography.Paragraph>
          )}
        </Form.Item>
        {props.withVersion && (
          <Form.Item
            name="version"
            label="日历版本"
            extra="县里给这份日历的编号，如 2026.1；乡镇据此判断是否已是最新"
            rules={[
              { required: true, whitespace: true, message: '请填写日历版本' },
              { max: 20, message: '日历版本不能超过 20 个字符' },
            ]}
          >
            <Input style={{ width: 200 }} />
          </Form.Item>
        )}
        <TownshipPicker townships={props.townships} name={props.name} />
        <Button type="primary" htmlType="submit" loading={busy} disabled={!file}>
          发布
        </Button>
      </Form>
    </Card>
  );
}
