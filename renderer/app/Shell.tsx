import { App, Layout } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionInfo } from '../../shared/auth/api';
import { call, onScreenLocked } from '../api/client';
import { setHotkeysSuspended } from '../common/keyboard';
import { setConfirmDialog } from '../common/leaveGuard';
import { InstructionsBanner } from '../sync/InstructionsBanner';
import { AppHeader } from './AppHeader';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { LockOverlay } from './LockOverlay';
import { NavMenu } from './NavMenu';
import { Pages } from './Pages';
import { useRoute } from '../common/router';
import { SessionContext, type AppSession, type SystemStatus } from '../common/session';
import { useIdleTimer } from './useIdleTimer';

interface Props {
  system: SystemStatus;
  session: SessionInfo;
  onSessionChange: (session: SessionInfo) => void;
  onSignOut: () => void;
}

/** The signed-in window: menu, header, the current page, and the screen lock over them. */
export function Shell({ system, session, onSessionChange, onSignOut }: Props) {
  const route = useRoute();
  // The lock lives on the server: a reload, a second tab or a browser's devtools cannot skip it.
  const [locked, setLocked] = useState(session.locked);
  const [changingPassword, setChangingPassword] = useState(false);
  const mustChangePassword = session.user.mustChangePassword;
  const { modal } = App.useApp();
  // “有未保存的内容，确定离开吗？” in the app's theme and locale.
  useEffect(() => setConfirmDialog(modal.confirm), [modal]);

  const lockScreen = useCallback(() => {
    setLocked(true);
    // Hidden at once; if the server cannot be told, its own check still guards the data.
    call('auth.lock', {}).catch(() => {});
  }, []);
  const unlock = useCallback(() => setLocked(false), []);
  useEffect(() => onScreenLocked(() => setLocked(true)), []);

  useIdleTimer(session.idleLockMinutes, !locked, lockScreen);
  useEffect(() => setHotkeysSuspended(locked), [locked]);
  useEffect(() => () => setHotkeysSuspended(false), []);

  const passwordChanged = useCallback(() => {
    setChangingPassword(false);
    if (mustChangePassword) onSessionChange({ ...session, user: { ...session.user, mustChangePassword: false } });
  }, [mustChangePassword, onSessionChange, session]);

  const appSession = useMemo<AppSession>(
    () => ({
      info: session,
      system,
      screenLocked: locked,
      signOut: onSignOut,
      lockScreen,
      openChangePassword: () => setChangingPassword(true),
    }),
    [session, system, locked, onSignOut, lockScreen],
  );

  return (
    <SessionContext.Provider value={appSession}>
      {/* Hidden, not unmounted: whatever the clerk was typing is still there after unlocking. */}
      <div style={locked ? { display: 'none' } : undefined} aria-hidden={locked || undefined}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #e5e7eb' }}>
            <NavMenu route={route} roles={session.user.roles} />
          </Layout.Sider>
          <Layout>
            <AppHeader />
            <Layout.Content style={{ padding: 20, minWidth: 0 }}>
              {/* Nothing personal is fetched until a forced password change is done. */}
              {!mustChangePassword && <InstructionsBanner route={route} />}
              {!mustChangePassword && <Pages route={route} />}
            </Layout.Content>
          </Layout>
        </Layout>
      </div>
      <ChangePasswordDialog
        open={mustChangePassword || changingPassword}
        forced={mustChangePassword}
        onDone={passwordChanged}
        onCancel={() => setChangingPassword(false)}
      />
      {locked && (
        <LockOverlay
          townshipName={system.townshipName}
          displayName={session.user.displayName}
          onUnlocked={unlock}
          onSignOut={onSignOut}
        />
      )}
    </SessionContext.Provider>
  );
}
