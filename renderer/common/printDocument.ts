// One way to print an archived document, whatever runs the UI. The backend records the print
// (and decides whether it is a 补打) before any paper moves; then the desktop app prints on
// this machine's printer for the document type, or a browser opens the PDF in its own viewer.
import type { PaperSpec } from '../../shared/documents/printing';
import { call, desktopPrinting, errorMessage } from '../api/client';

export type PrintResult =
  | { status: 'printed'; reprint: boolean; printCount: number; where: string }
  | { status: 'opened'; reprint: boolean; printCount: number }
  | { status: 'cancelled' | 'failed'; message: string; printCount: number };

export interface PrintOptions {
  documentId: string;
  copies: number;
  /** Desktop only: show the system dialog even when the type prints silently. */
  showDialog: boolean;
}

export async function printDocument(options: PrintOptions): Promise<PrintResult> {
  const printing = desktopPrinting();
  // Opened now, while the click still counts as the user's: a window opened after an await
  // is taken for a pop-up and blocked.
  const viewer = printing ? null : window.open('', '_blank');
  let print;
  try {
    print = await call('documents.print', { documentId: options.documentId, copies: options.copies });
  } catch (error) {
    viewer?.close();
    throw error;
  }
  if (!printing) {
    if (!viewer) {
      return {
        status: 'failed',
        message: '浏览器拦截了新窗口：请允许本站弹出窗口后再打印（这次打印已记录）',
        printCount: print.printCount,
      };
    }
    viewer.location.href = print.fileUrl;
    return { status: 'opened', reprint: print.reprint, printCount: print.printCount };
  }
  const outcome = await printing
    .print({
      fileUrl: print.fileUrl,
      documentType: print.documentType,
      paper: print.paper,
      copies: options.copies,
      showDialog: options.showDialog,
    })
    .catch((error: unknown) => ({ ok: false as const, reason: 'failed' as const, message: errorMessage(error) }));
  if (outcome.ok) {
    return {
      status: 'printed',
      reprint: print.reprint,
      printCount: print.printCount,
      where: outcome.deviceName ?? '默认打印机',
    };
  }
  const reported = await call('documents.reportPrintOutcome', {
    printId: print.printId,
    outcome: outcome.reason,
    message: outcome.message,
  }).catch(() => ({ printCount: print.printCount }));
  return { status: outcome.reason, message: outcome.message, printCount: reported.printCount };
}

/** `80 × 123.5 mm` */
export function paperSize(paper: PaperSpec): string {
  return `${paper.widthMm} × ${paper.heightMm} mm`;
}
