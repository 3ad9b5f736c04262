import { Alert, App, Button, Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { DocumentTypeInfo } from '../../shared/documents/api';
import {
  isThermalPaper,
  paperLabel,
  type DesktopPrinting,
  type PrinterChoice,
  type PrinterInfo,
  type PrinterSettings,
} from '../../shared/documents/printing';
import { call, desktopPrinting, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { PdfPreview } from './PdfPreview';
import { VerificationLinkSettings } from './VerificationLinkSettings';

const NO_CHOICE: PrinterChoice = { deviceName: null, silent: false };

/**
 * 打印设置: which printer each document type goes to on this computer (a receipt printer for
 * slips, an A4 printer for forms) and whether it prints without the dialog; a test page (样张)
 * per type. In a browser the browser's own dialog chooses, so only the test pages are offered.
 */
export function PrinterSettingsPage() {
  const types = useQuery('documents.types', {});
  const printing = desktopPrinting();
  const [sample, setSample] = useState<{ type: string; fileUrl: string } | null>(null);
  const { message } = App.useApp();

  async function showSample(type: DocumentTypeInfo, print: boolean) {
    try {
      const answer = await call('documents.samplePreview', { type: type.type });
      setSample({ type: type.title, fileUrl: answer.fileUrl });
      if (print && printing) {
        const outcome = await printing.print({
          fileUrl: answer.fileUrl,
          documentType: type.type,
          paper: answer.paper,
          copies: 1,
          showDialog: false,
        });
        if (outcome.ok) message.success(`样张已送往${outcome.deviceName ?? '默认打印机'}`);
        else message.error(outcome.message);
      }
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  if (types.error) return <LoadFailed error={types.error} what="文书类型" onRetry={types.reload} />;
  if (!types.data) return <Loading />;
  return (
    <>
      <VerificationLinkSettings />
      {printing ? (
        <DesktopPrinterTable types={types.data.types} printing={printing} onSample={showSample} />
      ) : (
        <BrowserPrinterNotes types={types.data.types} onSample={showSample} />
      )}
      {sample && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>样张：{sample.type}</Typography.Title>
          <PdfPreview url={sample.fileUrl} />
        </div>
      )}
    </>
  );
}

type OnSample = (type: DocumentTypeInfo, print: boolean) => Promise<void>;

function DesktopPrinterTable({
  types,
  printing,
  onSample,
}: {
  types: DocumentTypeInfo[];
  printing: DesktopPrinting;
  onSample: OnSample;
}) {
  const { message } = App.useApp();
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [settings, setSettings] = useState<PrinterSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([printing.listPrinters(), printing.getSettings()]).then(
      ([list, saved]) => {
        setPrinters(list);
        setSettings(saved);
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, [printing]);

  async function choose(type: DocumentTypeInfo, change: Partial<PrinterChoice>) {
    if (!settings) return;
    const choice = { ...(settings.byDocumentType[type.type] ?? NO_CHOICE), ...change };
    try {
      const saved = await printing.setSettings({
        byDocumentType: { ...settings.byDocumentType, [type.type]: choice },
      });
      setSettings(saved);
      message.success(`《${type.title}》的打印设置已保存`);
    } catch (error) {
      message.error(`没有保存：${errorMessage(error)}`);
    }
  }

  if (problem) return <Alert type="error" showIcon title="读不到本机的打印机" description={problem} />;
  if (!printers || !settings) return <Loading text="正在读取本机的打印机……" />;
  const defaultPrinter = printers.find((p) => p.isDefault);
  const columns: ColumnsType<DocumentTypeInfo> = [
    { title: '文书', dataIndex: 'title', key: 'title' },
    { title: '业务', dataIndex: 'desk', key: 'desk', width: 100 },
    { title: '纸张', key: 'paper', width: 130, render: (_, type) => paperLabel(type.pageSize) },
    {
      title: '打印机',
      key: 'printer',
      width: 300,
      render: (_, type) => {
        const choice = settings.byDocumentType[type.type] ?? NO_CHOICE;
        const missing = choice.deviceName !== null && !printers.some((p) => p.name === choice.deviceName);
        return (
          <>
            <Select<string>
              aria-label={`${type.title}的打印机`}
              style={{ width: 280 }}
              value={choice.deviceName ?? ''}
              status={missing ? 'error' : undefined}
              onChange={(deviceName) => void choose(type, { deviceName: deviceName || null })}
              options={[
                { value: '', label: `系统默认${defaultPrinter ? `（${defaultPrinter.displayName}）` : ''}` },
                ...printers.map((p) => ({ value: p.name, label: p.displayName })),
                ...(missing ? [{ value: choice.deviceName!, label: `${choice.deviceName}（已不在本机）` }] : []),
              ]}
            />
            {isThermalPaper(type.pageSize) && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                请选择热敏小票打印机：小票按实际长度打印，不会变成 A4
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      title: '直接打印',
      key: 'silent',
      width: 100,
      render: (_, type) => (
        <Switch
          aria-label={`${type.title}直接打印（不弹出打印对话框）`}
          checked={(settings.byDocumentType[type.type] ?? NO_CHOICE).silent}
          onChange={(silent) => void choose(type, { silent })}
        />
      ),
    },
    {
      title: '样张',
      key: 'sample',
      width: 190,
      render: (_, type) =>
        type.hasSample && (
          <>
            <Button size="small" onClick={() => void onSample(type, false)}>
              预览
            </Button>{' '}
            <Button size="small" onClick={() => void onSample(type, true)}>
              打印样张
            </Button>
          </>
        ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">
        这些设置只属于这台电脑。开启“直接打印”后，打印时不再弹出对话框，直接送往所选打印机。
      </Typography.Paragraph>
      {printers.length === 0 && <Alert type="warning" showIcon title="这台电脑上没有安装打印机" />}
      <Table<DocumentTypeInfo>
        rowKey="type"
        size="small"
        aria-label="文书类型"
        columns={columns}
        dataSource={types}
        pagination={false}
      />
    </>
  );
}

function BrowserPrinterNotes({ types, onSample }: { types: DocumentTypeInfo[]; onSample: OnSample }) {
  const columns: ColumnsType<DocumentTypeInfo> = [
    { title: '文书', dataIndex: 'title', key: 'title' },
    { title: '业务', dataIndex: 'desk', key: 'desk', width: 100 },
    { title: '纸张', key: 'paper', width: 160, render: (_, type) => paperLabel(type.pageSize) },
    {
      title: '样张',
      key: 'sample',
      width: 120,
      render: (_, type) =>
        type.hasSample && (
          <Button size="small" onClick={() => void onSample(type, false)}>
            预览样张
          </Button>
        ),
    },
  ];
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="在浏览器中使用时，由浏览器的打印对话框选择打印机"
        description="打印时 PDF 在新标签页中打开。热敏小票请在对话框中选择小票打印机、80 mm（或 58 mm）纸张、边距“无”、缩放 100%。按文书类型固定打印机、免对话框直接打印，请使用桌面程序。"
      />
      <Table<DocumentTypeInfo>
        rowKey="type"
        size="small"
        aria-label="文书类型"
        columns={columns}
        dataSource={types}
        pagination={false}
      />
    </>
  );
}
