import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ScreenIdentity } from '../../shared/hallScreens/api';
import { SCREEN_ROUTE } from '../../shared/hallScreens/screens';
import { call, errorMessage } from '../api/client';
import { CallingScreenPage } from './CallingScreenPage';
import { KioskPage } from './KioskPage';
import { PairPage } from './PairPage';
import { RatingPadPage } from './RatingPadPage';
import { isUnpaired } from './screenErrors';
import { isPairRoute, pairingCodeFromHash } from './screenRoute';
import { ScreenMessage } from './ScreenMessage';
import './screens.css';

/** Large type, readable from three metres; the hall's sober blue. */
const SCREEN_THEME = { token: { colorPrimary: '#1a5fb4', fontSize: 20, borderRadius: 8 } };

/** A screen that cannot reach the host tries again by itself: nobody stands at a TV to press 重试. */
const RETRY_MS = 5000;

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * `#/screen…`: the hall's screens, full screen, no header or menu and no user session. The
 * pairing page takes the code; `#/screen` then shows the page of the screen's kind.
 */
export function ScreenRoot() {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  useEffect(() => {
    document.title = '乡镇一站通 · 大厅设备';
  }, []);
  return (
    <ConfigProvider locale={zhCN} theme={SCREEN_THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        {isPairRoute(hash) ? (
          <PairPage
            initialCode={pairingCodeFromHash(hash)}
            onPaired={() => window.location.replace(`${window.location.pathname}${SCREEN_ROUTE}`)}
          />
        ) : (
          <PairedScreen />
        )}
      </AntApp>
    </ConfigProvider>
  );
}

type Stage =
  | { kind: 'starting' }
  | { kind: 'unpaired'; message: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'paired'; identity: ScreenIdentity };

function PairedScreen() {
  const [stage, setStage] = useState<Stage>({ kind: 'starting' });

  const start = useCallback(async () => {
    try {
      setStage({ kind: 'paired', identity: await call('hallScreens.whoAmI', {}) });
    } catch (error) {
      const message = errorMessage(error);
      setStage(isUnpaired(error) ? { kind: 'unpaired', message } : { kind: 'unreachable', message });
    }
  }, []);

  useEffect(() => void start(), [start]);
  useEffect(() => {
    if (stage.kind !== 'unreachable') return;
    const timer = setTimeout(() => void start(), RETRY_MS);
    return () => clearTimeout(timer);
  }, [stage, start]);

  // Revoked while showing: the page's next call is refused, and the screen says so.
  const onUnpaired = useCallback((message: string) => setStage({ kind: 'unpaired', message }), []);

  switch (stage.kind) {
    case 'starting':
      return <ScreenMessage title="正在连接大厅主机……" />;
    case 'unreachable':
      return <ScreenMessage title="暂时连不上大厅主机" detail={`${stage.message}（每 5 秒自动重试）`} />;
    case 'unpaired':
      return <PairPage notice={stage.message} initialCode="" onPaired={() => void start()} />;
    case 'paired': {
      const { identity } = stage;
      if (identity.kind === 'ticketKiosk') return <KioskPage identity={identity} onUnpaired={onUnpaired} />;
      if (identity.kind === 'callingScreen') return <CallingScreenPage identity={identity} onUnpaired={onUnpaired} />;
      return <RatingPadPage identity={identity} onUnpaired={onUnpaired} />;
    }
  }
}
