import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { COUNTY_PATHS, type TownshipRow } from '../../shared/sync/countyApi';
import { useCounty } from './countyContext';

/** Revoking refuses everything the node sends from now on; it cannot be undone (a new node is enrolled instead). */
export function RevokeDialog({
  township,
  onClose,
  onRevoked,
}: {
  township: TownshipRow | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const client = useCounty();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    if (!township) return;
    setBusy(true);
    setError(null);
    try {
      await client.post(COUNTY_PATHS.revoke(township.nodeId), { reason });
      onRevoked();
      close();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '吊销失败');
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setError(null);
    form.resetFields();
    onClose();
  }

  return (
    <Modal
      open={township !== null}
      title={`吊销“${township?.townshipName ?? ''}”的节点`}
      onCancel={close}
      footer={null}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title="吊销后，县级平台拒收该节点发来的一切数据，且不能恢复；如需继续上报，须新建节点重新入网。"
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="revoke-node" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label="吊销原因"
          rules={[
            { required: true, whitespace: true, message: '请填写吊销原因' },
            { max: 200, message: '吊销原因不能超过 200 个字' },
          ]}
        >
          <Input autoFocus placeholder="如：电脑丢失，密钥可能泄露" />
        </Form.Item>
        <Space>
          <Button type="primary" danger htmlType="submit" loading={busy}>
            吊销
          </Button>
          <Button onClick={close}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
