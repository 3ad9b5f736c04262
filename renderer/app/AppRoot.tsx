import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/auth/api';
import { ApiCallError, call, errorMessage, onSessionLost } from '../api/client';
import { Loading } from '../common/Loading';
import { forgetEverything } from '../common/sessionMemory';
import { LoginScreen } from './LoginScreen';
import { navigate } from '../common/router';
import type { SystemStatus } from '../common/session';
import { SetupScreen } from './SetupScreen';
import { Shell } from './Shell';
import { Unreachable } from './Unreachable';
import { theme } from './theme';

type Stage =
  | { kind: 'starting' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'setup'; system: SystemStatus }
  | { kind: 'login'; system: SystemStatus; notice?: string }
  | { kind: 'signedIn'; system: SystemStatus; session: SessionInfo };

export function AppRoot() {
  return (
    // No space inside two-character button labels (antd would render “登 录”): tests and screen
    // readers should find the button by the word the clerk sees.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Stages />
      </AntApp>
    </ConfigProvider>
  );
}

function Stages() {
  const [stage, setStage] = useState<Stage>({ kind: 'starting' });

  const start = useCallback(async () => {
    setStage({ kind: 'starting' });
    try {
      const system = await call('system.status', {});
      if (system.needsSetup) return setStage({ kind: 'setup', system });
      const session = await call('auth.session', {});
      setStage(session ? { kind: 'signedIn', system, session } : { kind: 'login', system });
    } catch (error) {
      setStage({ kind: 'unreachable', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => void start(), [start]);

  // The session ended elsewhere (expired, signed out by an administrator, account disabled):
  // drop everything held in memory and ask for a login.
  useEffect(
    () =>
      onSessionLost((error: ApiCallError) => {
        forgetEverything();
        setStage((current) =>
          current.kind === 'signedIn' ? { kind: 'login', system: current.system, notice: error.message } : current,
        );
      }),
    [],
  );

  const signedIn = useCallback((system: SystemStatus, session: SessionInfo) => {
    setStage({ kind: 'signedIn', system, session });
  }, []);

  const signOut = useCallback(async (system: SystemStatus) => {
    forgetEverything();
    try {
      await call('auth.logout', {});
    } catch {
      // Already signed out on the server, or unreachable: the screen signs out either way.
    }
    navigate('/', { replace: true });
    setStage({ kind: 'login', system });
  }, []);

  switch (stage.kind) {
    case 'starting':
      return <Loading text="正在连接服务……" />;
    case 'unreachable':
      return <Unreachable message={stage.message} onRetry={start} />;
    case 'setup':
      return (
        <SetupScreen
          onDone={(session, townshipName) => signedIn({ ...stage.system, needsSetup: false, townshipName }, session)}
          onRestored={() => void start()}
        />
      );
    case 'login':
      return (
        <LoginScreen
          system={stage.system}
          notice={stage.notice}
          onSignedIn={(session) => signedIn(stage.system, session)}
        />
      );
    case 'signedIn':
      return (
        <Shell
          system={stage.system}
          session={stage.session}
          onSessionChange={(session) => setStage({ kind: 'signedIn', system: stage.system, session })}
          onSignOut={() => void signOut(stage.system)}
        />
      );
  }
}
