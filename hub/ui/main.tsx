import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HUB_VERIFY_PAGE } from '../../shared/documents/hubVerification';
import { CountyApp } from './CountyApp';
import { PublicVerifyPage } from './PublicVerifyPage';
import './county.css';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The public 核验 page needs no token; everything else is the county's signed-in page. */}
    {location.pathname.replace(/\/+$/, '').endsWith(HUB_VERIFY_PAGE) ? <PublicVerifyPage /> : <CountyApp />}
  </StrictMode>,
);
