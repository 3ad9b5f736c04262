import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { COUNTY_PATHS, type CreateNodeRequest, type CreateNodeResponse } from '../../shared/sync/countyApi';
import {
  DEFAULT_SUITE,
  SUITE_GUOMI,
  SUITE_INTERNATIONAL,
  SUITE_LABELS,
  type SuiteId,
} from '../../shared/sync/suiteIds';
import { useCounty } from './countyContext';
import { saveJson } from './files';
import { formatTime } from './format';

interface NewNodeValues {
  townshipName: string;
  suite: SuiteId;
}

/**
 * Creates a node and hands out its one-time enrollment file. The county chooses here, once for
 * the township's life, which cipher suite every envelope both ways uses: the international one
 * (the default) or 国密 (SM2/SM3/SM4), e.g. where a 商用密码应用安全性评估 asks for it.
 */
export function NewNodeDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const client = useCounty();
  const [form] = Form.useForm<NewNodeValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateNodeResponse | null>(null);

  async function submit({ townshipName, suite }: NewNodeValues) {
    setBusy(true);
    setError(null);
    try {
      const body: CreateNodeRequest = { townshipName, suite };
      const answer = await client.post<CreateNodeResponse>(COUNTY_PATHS.nodes, body);
      setCreated(answer);
      onCreated();
      // Saved at once: the file is the whole point, and it is shown only this one time.
      saveJson(answer.fileName, answer.enrollment);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '新建节点失败');
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setCreated(null);
    setError(null);
    form.resetFields();
    onClose();
  }

  return (
    <Modal open={open} title="新建乡镇节点" onCancel={close} footer={null} destroyOnHidden width={620}>
      {created ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            title={`已为“${created.enrollment.townshipName}”生成入网文件`}
            description="入网文件只能使用一次，内含入网口令：请通过可靠途径（当面交付或加密U盘）交给乡镇系统管理员，在“同步”页面导入。"
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="节点编号">{created.nodeId}</Descriptions.Item>
            <Descriptions.Item label="平台地址">{created.enrollment.hubUrl}</Descriptions.Item>
            <Descriptions.Item label="加密算法">
              {SUITE_LABELS[created.enrollment.suite ?? DEFAULT_SUITE]}
            </Descriptions.Item>
            <Descriptions.Item label="证书指纹">
              <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {created.enrollment.certificateFingerprint}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="口令有效至">{formatTime(created.enrollment.expiresAt)}</Descriptions.Item>
          </Descriptions>
          <Space>
            <Button type="primary" autoFocus onClick={() => saveJson(created.fileName, created.enrollment)}>
              下载入网文件
            </Button>
            <Button onClick={close}>完成</Button>
          </Space>
          <Typography.Text type="secondary">文件名：{created.fileName}</Typography.Text>
        </Space>
      ) : (
        <Form<NewNodeValues>
          form={form}
          layout="vertical"
          name="new-node"
          onFinish={submit}
          requiredMark={false}
          initialValues={{ suite: DEFAULT_SUITE }}
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item
            name="townshipName"
            label="乡镇名称"
            rules={[
              { required: true, whitespace: true, message: '请填写乡镇名称' },
              { max: 60, message: '乡镇名称不能超过 60 个字' },
            ]}
          >
            <Input autoFocus placeholder="如：青山镇" />
          </Form.Item>
          <Form.Item
            name="suite"
            label="加密算法"
            extra="该乡镇上报与下发的全部数据包都使用所选算法加密和签名，入网后不能更改。"
          >
            <Radio.Group
              options={[
                { value: SUITE_INTERNATIONAL, label: SUITE_LABELS[SUITE_INTERNATIONAL] },
                { value: SUITE_GUOMI, label: SUITE_LABELS[SUITE_GUOMI] },
              ]}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              生成入网文件
            </Button>
            <Button onClick={close}>取消</Button>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
