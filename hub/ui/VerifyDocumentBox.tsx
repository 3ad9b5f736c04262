import { Alert, Button, Descriptions, Flex, Form, Input, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { HubVerification } from '../../shared/documents/hubVerification';
import { verifyDocumentLink } from './verifyClient';

const RESULT_STATUS: Record<HubVerification['status'], 'success' | 'warning' | 'error' | 'info'> = {
  genuine: 'success',
  unsigned: 'info',
  unknownKey: 'error',
  forged: 'error',
  revoked: 'warning',
  malformed: 'error',
};

/**
 * 文书核验: paste the link a paper's QR code carries (or open it: `initial` is that link) and the
 * hub checks the township's signature with the key the township registered here.
 */
export function VerifyDocumentBox({ initial }: { initial?: string }) {
  const [link, setLink] = useState(initial ?? '');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<HubVerification | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function verify(text: string) {
    if (!text.trim()) {
      setProblem('请粘贴文书二维码中的核验链接');
      return;
    }
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(await verifyDocumentLink(text));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (initial) void verify(initial);
  }, [initial]);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Typography.Text type="secondary">
        用手机扫描文书上的二维码即可打开核验；也可以把二维码中的链接粘贴在这里。县级平台凭乡镇入网时登记的公钥核对签名，不需要乡镇的数据。
      </Typography.Text>
      <Form layout="vertical" onFinish={() => void verify(link)}>
        <Form.Item
          label="核验链接"
          htmlFor="county-verify-link"
          validateStatus={problem ? 'error' : undefined}
          help={problem ?? undefined}
        >
          <Input.TextArea
            id="county-verify-link"
            autoSize={{ minRows: 2, maxRows: 5 }}
            value={link}
            onChange={(event) => setLink(event.target.value)}
            placeholder="https://县级平台地址/verify?v=……"
            style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          核验
        </Button>
      </Form>
      {answer && (
        <Result
          status={RESULT_STATUS[answer.status]}
          title={answer.message}
          extra={
            answer.facts &&
            answer.status === 'genuine' && (
              <Descriptions bordered column={1} size="small" style={{ textAlign: 'left' }}>
                <Descriptions.Item label="出具乡镇">{answer.township}</Descriptions.Item>
                <Descriptions.Item label="文书">{answer.facts.kind}</Descriptions.Item>
                {answer.facts.number && <Descriptions.Item label="编号">{answer.facts.number}</Descriptions.Item>}
                <Descriptions.Item label="出具日期">{answer.facts.issuedOn}</Descriptions.Item>
                {answer.facts.holder && <Descriptions.Item label="当事人">{answer.facts.holder}</Descriptions.Item>}
                <Descriptions.Item label="核验码">{answer.facts.code}</Descriptions.Item>
              </Descriptions>
            )
          }
        />
      )}
      {answer?.status === 'genuine' && (
        <Alert
          type="info"
          showIcon
          title="核验的是文书上的信息：请对照纸面上的种类、编号、日期和姓名是否一致；是否已办结、是否被替换，请向出具的乡镇查询。"
        />
      )}
    </Flex>
  );
}
