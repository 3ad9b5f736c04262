import { Alert, Button, Descriptions, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { COUNTY_PATHS, type ReplaceNodeResponse, type TownshipRow } from '../../shared/sync/countyApi';
import { useCounty } from './countyContext';
import { saveJson } from './files';
import { formatTime } from './format';

/**
 * Authorises a replacement PC for a township whose PC and backups are lost: the old PC's keys
 * are revoked, and the new installation rebuilds the township from the county's copy with the
 * file handed out here (docs/rebuild.md).
 */
export function ReplacementDialog({
  township,
  onClose,
  onAuthorized,
}: {
  township: TownshipRow | null;
  onClose: () => void;
  onAuthorized: () => void;
}) {
  const client = useCounty();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<ReplaceNodeResponse | null>(null);

  async function submit({ reason }: { reason: string }) {
    if (!township) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await client.post<ReplaceNodeResponse>(COUNTY_PATHS.replacement(township.nodeId), { reason });
      setIssued(answer);
      saveJson(answer.fileName, answer.enrollment);
      onAuthorized();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '授权失败');
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setError(null);
    setIssued(null);
    form.resetFields();
    onClose();
  }

  return (
    <Modal
      open={township !== null}
      title={`授权“${township?.townshipName ?? ''}”更换电脑并从县级平台重建`}
      onCancel={close}
      footer={null}
      destroyOnHidden
    >
      {issued ? (
        <>
          <Alert
            type="success"
            showIcon
            title="已生成更换电脑入网文件，并已下载"
            description="请把文件交给乡镇管理员：在新电脑首次启动时选择“从县级平台重建”，导入此文件。重建进度会显示在乡镇列表中。"
            style={{ marginBottom: 16 }}
          />
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="县级平台已接收至">
              第 {issued.enrollment.replacement?.appliedThrough} 条
            </Descriptions.Item>
            <Descriptions.Item label="口令有效至">{formatTime(issued.enrollment.expiresAt)}</Descriptions.Item>
          </Descriptions>
          <Space>
            <Button type="primary" autoFocus onClick={() => saveJson(issued.fileName, issued.enrollment)}>
              再次下载
            </Button>
            <Button onClick={close}>完成</Button>
          </Space>
        </>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            title="授权后，原电脑的密钥立即吊销，原电脑再发来的数据一律拒收；新电脑用本次生成的文件入网，并从县级平台下载本乡镇已上报的全部记录和附件。原电脑尚未上报的数据无法恢复。"
            style={{ marginBottom: 16 }}
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" name="replace-node" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="reason"
              label="更换原因"
              rules={[
                { required: true, whitespace: true, message: '请填写更换原因' },
                { max: 200, message: '更换原因不能超过 200 个字' },
              ]}
            >
              <Input autoFocus placeholder="如：原电脑硬盘损坏，备份也已丢失" />
            </Form.Item>
            <Space>
              <Button type="primary" danger htmlType="submit" loading={busy}>
                授权并生成入网文件
              </Button>
              <Button onClick={close}>取消</Button>
            </Space>
          </Form>
        </>
      )}
    </Modal>
  );
}
