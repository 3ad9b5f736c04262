import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Progress, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { DesktopUpdates, UpdateSettings, UpdateStatus } from '../../shared/updates/bridge';
import { useFormLeaveGuard } from '../common/leaveGuard';
import { Loading } from '../common/Loading';
import { desktopUpdates, showUpdateStatus, useUpdateStatus } from './desktopUpdates';

/**
 * 系统管理 → 软件更新 (desktop app only): what the county's update server offers — 新版本可用,
 * downloaded, signature checked, 立即安装 — and where that server is (更新服务器地址, with the
 * certificate fingerprint or the county's CA certificate for an intranet server).
 */
export function UpdatesPage() {
  const updates = desktopUpdates();
  if (!updates) {
    return <Alert type="info" showIcon message="软件更新只在桌面程序中进行；浏览器中的大厅窗口不需要更新。" />;
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 900 }}>
      <UpdateStatusCard updates={updates} />
      <UpdateSettingsForm updates={updates} />
    </Flex>
  );
}

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

function UpdateStatusCard({ updates }: { updates: DesktopUpdates }) {
  const status = useUpdateStatus();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'check' | 'install' | null>(null);

  async function check() {
    setBusy('check');
    try {
      showUpdateStatus(await updates.check());
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function install() {
    setBusy('install');
    try {
      const answer = await updates.install();
      if (answer.outcome === 'waiting') modal.warning({ title: '暂不安装', content: answer.message });
      else if (answer.outcome === 'nothing') message.info(answer.message);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  if (!status) return <Loading />;
  return (
    <Card title="软件更新" data-testid="update-status">
      <Flex vertical gap={12}>
        <StatusAlert status={status} />
        {status.releaseNotes && (status.phase === 'ready' || status.phase === 'waitingForForms') && (
          <div>
            <Typography.Text strong>发布说明</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="release-notes">
              {status.releaseNotes}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              （发布说明由更新服务器提供，不在县级签名范围内；安装包本身已验证。）
            </Typography.Text>
          </div>
        )}
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="当前版本">{status.currentVersion || '—'}</Descriptions.Item>
          <Descriptions.Item label="更新服务器">{status.serverUrl ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="上次检查">{time(status.lastCheckedAt)}</Descriptions.Item>
          <Descriptions.Item label="下次检查">{time(status.nextCheckAt)}</Descriptions.Item>
        </Descriptions>
        <Flex gap={8}>
          {(status.phase === 'ready' || status.phase === 'waitingForForms') && (
            <Button type="primary" loading={busy === 'install'} onClick={() => void install()}>
              立即安装
            </Button>
          )}
          <Button
            loading={busy === 'check' || status.phase === 'checking'}
            disabled={status.phase === 'off' || status.phase === 'installing'}
            onClick={() => void check()}
          >
            检查更新
          </Button>
        </Flex>
        {(status.phase === 'ready' || status.phase === 'waitingForForms') && (
          <Typography.Text type="secondary">
            安装时程序会关闭，装好后自动重新打开。有未保存的内容时不会安装，等保存或关闭后再自动安装；也可以不点“立即安装”，下次退出程序时自动安装。
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function StatusAlert({ status }: { status: UpdateStatus }) {
  const version = status.version ?? '';
  switch (status.phase) {
    case 'off':
      return <Alert type="info" showIcon message="自动更新未启用" description={status.problem} />;
    case 'idle':
      return status.problem ? (
        <Alert
          type="warning"
          showIcon
          message="上次检查更新没有成功（不影响使用，稍后自动重试）"
          description={status.problem}
        />
      ) : (
        <Alert type="success" showIcon message={status.lastCheckedAt ? '已是最新版本' : '尚未检查更新'} />
      );
    case 'checking':
      return <Alert type="info" showIcon message="正在检查更新……" />;
    case 'downloading':
      return (
        <Alert
          type="info"
          showIcon
          message={`发现新版本 ${version}，正在下载`}
          description={
            status.downloadPercent !== null ? <Progress percent={status.downloadPercent} size="small" /> : null
          }
        />
      );
    case 'verifying':
      return <Alert type="info" showIcon message={`新版本 ${version} 已下载，正在验证县级更新签名……`} />;
    case 'ready':
      return (
        <Alert
          type="success"
          showIcon
          message={`新版本可用：${version}`}
          description={`已下载，已通过县级更新签名验证${status.signedBy ? `（签名密钥：${status.signedBy}）` : ''}。`}
        />
      );
    case 'waitingForForms':
      return (
        <Alert
          type="warning"
          showIcon
          message={`新版本 ${version} 等待安装`}
          description="有未保存的内容：请先保存或关闭正在填写的表单，之后将自动安装。"
        />
      );
    case 'installing':
      return <Alert type="info" showIcon message={`正在关闭程序以安装新版本 ${version}……`} />;
    case 'refused':
      return <Alert type="error" showIcon message={`新版本 ${version} 不会安装`} description={status.problem} />;
  }
}

function UpdateSettingsForm({ updates }: { updates: DesktopUpdates }) {
  const [form] = Form.useForm<UpdateSettings>();
  const guard = useFormLeaveGuard(form);
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    updates.getSettings().then(
      (settings) => {
        form.setFieldsValue(settings);
        guard.saved();
        setLoaded(true);
      },
      (error: Error) => setProblem(error.message),
    );
  }, [updates, form, guard]);

  async function save(values: UpdateSettings) {
    setSaving(true);
    try {
      const saved = await updates.setSettings({
        serverUrl: values.serverUrl ?? '',
        certificateFingerprint: values.certificateFingerprint ?? '',
        caCertificatePem: values.caCertificatePem ?? '',
      });
      form.setFieldsValue(saved);
      guard.saved();
      setProblem(null);
      message.success('更新设置已保存，下次检查更新时使用');
    } catch (error) {
      // What was typed stays in the form.
      setProblem((error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="更新服务器">
      <Typography.Paragraph type="secondary">
        不填写时使用安装包中设定的县级更新服务器。县内网服务器的证书若由县里自建的 CA 签发，请选择县里的 CA
        证书；若是自签名证书，请填写它的 SHA-256 证书指纹（可在服务器上用 openssl x509 -noout -fingerprint -sha256 -in
        证书文件 查看）。无论从哪里下载，只安装带有县级更新签名的安装包。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!loaded || saving} onFinish={(values) => void save(values)}>
        <Form.Item label="更新服务器地址" name="serverUrl">
          <Input placeholder="例如 https://10.1.2.3/township-desk/" />
        </Form.Item>
        <Form.Item label="证书指纹（SHA-256，可选）" name="certificateFingerprint">
          <Input placeholder="AB:CD:…（64 位十六进制）" />
        </Form.Item>
        <Form.Item label="县级 CA 证书（PEM，可选）" name="caCertificatePem">
          <Input.TextArea rows={4} placeholder="-----BEGIN CERTIFICATE-----" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Flex gap={8}>
          <Upload
            accept=".pem,.crt,.cer"
            showUploadList={false}
            beforeUpload={(file) => {
              void file
                .text()
                .then((text) => form.setFields([{ name: 'caCertificatePem', value: text.trim(), touched: true }]));
              return false;
            }}
          >
            <Button>从文件读取 CA 证书</Button>
          </Upload>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
