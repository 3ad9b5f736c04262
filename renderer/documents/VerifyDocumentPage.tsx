import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Form, Input, Result, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../shared/api/procedures';
import { factsLine } from '../../shared/documents/verificationLink';
import { ApiCallError, call, errorMessage } from '../api/client';
import { RerenderedTag } from '../common/RerenderedTag';
import { href, paths } from '../common/router';
import { DocumentsTabs } from './DocumentsTabs';

type Answer = OutputOf<'documents.verify'>;

const RESULT_STATUS: Record<Answer['status'], 'success' | 'warning' | 'error'> = {
  genuine: 'success',
  superseded: 'warning',
  altered: 'error',
  notFound: 'error',
};

/** SHA-256 of the chosen file, computed here: the file itself never leaves this computer. */
async function sha256Of(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * 核验文书: by the code printed on the paper (typed, or the whole link its QR code carries, as a
 * hand scanner types it), or by the PDF file someone brings.
 */
export function VerifyDocumentPage() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problem, setProblem] = useState<{ message: string; field?: string } | null>(null);

  async function verify(input: { code?: string; sha256?: string }) {
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(await call('documents.verify', input));
    } catch (error) {
      const field = error instanceof ApiCallError ? error.fieldErrors?.code : undefined;
      setProblem({ message: field ?? errorMessage(error), field });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <DocumentsTabs active="verify" />
      <Typography.Text type="secondary">
        输入文书上印的核验码（全角、小写均可），或用扫码枪扫描文书上的二维码，或选择对方带来的 PDF
        文件（文件只在本机计算指纹，不会上传）。
      </Typography.Text>
      <Form layout="inline" onFinish={() => void verify({ code })}>
        <Form.Item
          label="核验码"
          htmlFor="verify-code"
          validateStatus={problem?.field ? 'error' : undefined}
          help={problem?.field}
        >
          <Input
            id="verify-code"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="如 7K3M-9QX2-HT4C，或扫描二维码"
            style={{ width: 300, fontFamily: 'monospace' }}
            autoComplete="off"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          核验
        </Button>
        <Upload
          accept="application/pdf,.pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            void sha256Of(file).then((sha256) => verify(code.trim() ? { code, sha256 } : { sha256 }));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginLeft: 8 }}>
            选择 PDF 文件核验
          </Button>
        </Upload>
      </Form>
      {problem && !problem.field && <Alert type="error" showIcon title={problem.message} />}
      {answer && (
        <Result
          status={RESULT_STATUS[answer.status]}
          title={answer.message}
          subTitle={answer.facts ? factsLine(answer.facts) : undefined}
          extra={
            answer.document && (
              <Descriptions bordered column={1} size="small" style={{ textAlign: 'left' }}>
                <Descriptions.Item label="文书">
                  <a href={href(paths.document(answer.document.id))}>
                    {answer.facts?.number ? `${answer.document.title} ${answer.facts.number}` : answer.document.title}
                  </a>
                  {answer.isReprint && '（所核验的文件为补打件）'}
                  <RerenderedTag at={answer.document.rerenderedAt} />
                </Descriptions.Item>
                {answer.facts?.holder && <Descriptions.Item label="出具给">{answer.facts.holder}</Descriptions.Item>}
                <Descriptions.Item label="核验码">{answer.document.verificationCode}</Descriptions.Item>
                <Descriptions.Item label="出具时间">
                  {new Date(answer.document.issuedAt).toLocaleString('zh-CN')}
                </Descriptions.Item>
                <Descriptions.Item label="出具人">{answer.document.issuedByName}</Descriptions.Item>
                <Descriptions.Item label="所属记录">
                  {[answer.facts?.recordNoun, answer.facts?.number].filter(Boolean).join(' ') || '—'}
                </Descriptions.Item>
                <Descriptions.Item label="已打印">{answer.document.printCount} 份</Descriptions.Item>
                {answer.document.supersededAt && (
                  <Descriptions.Item label="被替换时间">
                    {new Date(answer.document.supersededAt).toLocaleString('zh-CN')}
                  </Descriptions.Item>
                )}
              </Descriptions>
            )
          }
        />
      )}
    </Flex>
  );
}
