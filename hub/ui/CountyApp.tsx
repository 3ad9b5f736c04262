import { App as AntApp, Button, ConfigProvider, Flex, Tabs, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useMemo, useState } from 'react';
import { createCountyClient, storeToken, storedToken } from './countyClient';
import { CountyContext } from './countyContext';
import { EscalationsTab } from './EscalationsTab';
import { ImportTab } from './ImportTab';
import { InstructionsTab } from './InstructionsTab';
import { OverviewTab } from './OverviewTab';
import { PublishTab } from './PublishTab';
import { RejectionsTab } from './RejectionsTab';
import { SearchTab } from './SearchTab';
import { SignIn } from './SignIn';
import { theme } from './theme';
import { TownshipsTab } from './TownshipsTab';
import { VerifyDocumentBox } from './VerifyDocumentBox';

export function CountyApp() {
  return (
    // No space inside two-character button labels (antd would render “吊 销”): tests and screen
    // readers find the button by the word the clerk sees.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Page />
      </AntApp>
    </ConfigProvider>
  );
}

function Page() {
  const [token, setToken] = useState<string | null>(storedToken);
  const [notice, setNotice] = useState<string | undefined>();

  const signOut = useCallback((why?: string) => {
    storeToken(null);
    setNotice(why);
    setToken(null);
  }, []);

  const client = useMemo(
    () => (token ? createCountyClient(token, () => signOut('访问口令已失效，请重新输入')) : null),
    [token, signOut],
  );

  if (!client) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(accepted) => {
          storeToken(accepted);
          setNotice(undefined);
          setToken(accepted);
        }}
      />
    );
  }

  return (
    <CountyContext.Provider value={client}>
      <div className="county-page">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            县级平台 · 乡镇一站通
          </Typography.Title>
          <Button onClick={() => signOut()}>退出</Button>
        </Flex>
        <Tabs
          // Only the open tab is mounted: each loads fresh figures when it is opened.
          destroyOnHidden
          items={[
            { key: 'overview', label: '总览', children: <OverviewTab /> },
            { key: 'townships', label: '乡镇节点', children: <TownshipsTab /> },
            { key: 'import', label: '导入同步文件', children: <ImportTab /> },
            { key: 'instructions', label: '交办督办', children: <InstructionsTab /> },
            { key: 'escalations', label: '提交统筹', children: <EscalationsTab /> },
            { key: 'search', label: '跨乡镇查询', children: <SearchTab /> },
            { key: 'publish', label: '下发目录与日历', children: <PublishTab /> },
            { key: 'rejections', label: '拒收记录', children: <RejectionsTab /> },
            { key: 'verify', label: '文书核验', children: <VerifyDocumentBox /> },
          ]}
        />
      </div>
    </CountyContext.Provider>
  );
}
