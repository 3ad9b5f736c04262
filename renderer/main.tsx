import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import './app/app.css';
import { PrintSheet } from './documents/print/PrintSheet';
import { isPrintRoute } from './documents/print/printRoute';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  // The print window's page: no login, the file URL is itself a short-lived ticket.
  <StrictMode>{isPrintRoute(window.location.hash) ? <PrintSheet /> : <AppRoot />}</StrictMode>,
);
