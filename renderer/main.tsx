import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import { PrintSheet } from './documents/print/PrintSheet';
import { isPrintRoute } from './documents/print/printRoute';
import { isScreenRoute } from './hallScreens/screenRoute';

dayjs.locale('zh-cn');

// Loaded apart: a hall screen (the ticket machine, the TV, a rating pad) never loads the desks,
// and a clerk's window never loads the screens' pages.
const AppRoot = lazy(() => import('./app/AppRoot').then((m) => ({ default: m.AppRoot })));
const ScreenRoot = lazy(() => import('./hallScreens/ScreenRoot').then((m) => ({ default: m.ScreenRoot })));

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The hall's screens (`#/screen…`) need no user session; everything else is the app. */
function Root() {
  const screen = useSyncExternalStore(subscribeToHash, () => isScreenRoute(window.location.hash));
  return (
    <Suspense fallback={<div style={{ padding: 48, color: '#555' }}>正在打开乡镇一站通……</div>}>
      {screen ? <ScreenRoot /> : <AppRoot />}
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  // The print window's page: no login, the file URL is itself a short-lived ticket.
  <StrictMode>{isPrintRoute(window.location.hash) ? <PrintSheet /> : <Root />}</StrictMode>,
);
