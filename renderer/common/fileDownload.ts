// Reports made on request come back as short-lived links (`/files/<ticket>/<name>`) served by
// the hall host (or the desktop's app protocol); opening the link is the download.
import { desktopPrinting } from '../api/client';

/** Saves the file behind a link: the browser downloads it, the desktop asks where to save it. */
export function downloadFile(fileUrl: string): void {
  const link = document.createElement('a');
  link.href = fileUrl;
  // Empty: the name is the one the host gives (便民服务统计表（2026年10月）.xlsx).
  link.download = '';
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * A PDF made on request. A browser shows it in a new tab, opened at the click (a window
 * opened after an await is taken for a pop-up and blocked); the desktop window opens no
 * second window, so there — or when the tab was blocked — it is saved instead.
 */
export async function openPdf(fetchUrl: () => Promise<string>): Promise<'opened' | 'saved'> {
  const viewer = desktopPrinting() ? null : window.open('', '_blank');
  let url: string;
  try {
    url = await fetchUrl();
  } catch (error) {
    viewer?.close();
    throw error;
  }
  if (viewer) {
    viewer.location.href = url;
    return 'opened';
  }
  downloadFile(url);
  return 'saved';
}
