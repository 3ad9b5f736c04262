import { App as AntApp, ConfigProvider, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { theme } from './theme';
import { VerifyDocumentBox } from './VerifyDocumentBox';

/**
 * The public 核验 page (`/verify?v=…`): what a phone opens from a paper's QR code. No sign-in:
 * the answer names only what the paper itself prints.
 */
export function PublicVerifyPage() {
  const link = location.search.length > 1 ? location.href : undefined;
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <div className="county-page">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            文书核验 · 县级平台
          </Typography.Title>
          <VerifyDocumentBox initial={link} />
        </div>
      </AntApp>
    </ConfigProvider>
  );
}
