// One way to print an archived document, whatever runs the UI. The backend hands out the file
// (and decides whether it is a 补打) with the print pending; what happened is then recorded with
// one procedure, `documents.recordPrintOutcome`: in the desktop app the print job's own result
// (printed, cancelled in the dialog, failed), in a browser the clerk's answer after the PDF
// opened in the browser's viewer (已打印 / 未打印). Only a print that came out counts.
import type { App } from 'antd';
import type { PaperSpec } from '../../shared/documents/printing';
import { call, desktopPrinting, errorMessage } from '../api/client';

export type PrintResult =
  | { status: 'printed'; reprint: boolean; printCount: number; where: string | null }
  | { status: 'cancelled' | 'failed'; message: string; printCount: number };

export interface PrintOptions {
  documentId: string;
  copies: number;
  /** Desktop only: show the system dialog even when the type prints silently. */
  showDialog: boolean;
  /** Browser only: whether the paper came out, asked once the PDF is open (`askPaperPrinted`). */
  askPrinted: (question: { reprint: boolean; copies: number }) => Promise<boolean>;
}

const BLOCKED_MESSAGE = '浏览器拦截了新窗口：请允许本站弹出窗口后再打印（这次没有打印）';
const NOT_PRINTED_MESSAGE = '工作人员确认没有打印出来';

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
  const record = (outcome: 'printed' | 'cancelled' | 'failed', message?: string) =>
    call('documents.recordPrintOutcome', {
      documentId: options.documentId,
      printId: print.printId,
      outcome,
      ...(message ? { message } : {}),
    });

  if (!printing) {
    if (!viewer) {
      const recorded = await record('failed', BLOCKED_MESSAGE).catch(() => ({ printCount: print.printCount }));
      return { status: 'failed', message: BLOCKED_MESSAGE, printCount: recorded.printCount };
    }
    viewer.location.href = print.fileUrl;
    const printed = await options.askPrinted({ reprint: print.reprint, copies: options.copies });
    const recorded = await record(printed ? 'printed' : 'cancelled', printed ? undefined : NOT_PRINTED_MESSAGE);
    return printed
      ? { status: 'printed', reprint: recorded.reprint, printCount: recorded.printCount, where: null }
      : { status: 'cancelled', message: NOT_PRINTED_MESSAGE, printCount: recorded.printCount };
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
    const recorded = await record('printed');
    return {
      status: 'printed',
      reprint: recorded.reprint,
      printCount: recorded.printCount,
      where: outcome.deviceName ?? '默认打印机',
    };
  }
  const recorded = await record(outcome.reason, outcome.message).catch(() => ({ printCount: print.printCount }));
  return { status: outcome.reason, message: outcome.message, printCount: recorded.printCount };
}

/**
 * Asks the clerk whether the paper came out of the printer, after the browser opened the PDF
 * in a new tab. Only 已打印 counts the print; 未打印, Esc or closing the question does not.
 */
export function askPaperPrinted(modal: ReturnType<typeof App.useApp>['modal']) {
  return ({ reprint, copies }: { reprint: boolean; copies: number }): Promise<boolean> =>
    new Promise((resolve) => {
      modal.confirm({
        title: '纸张打印出来了吗？',
        content: `PDF 已在新标签页打开${reprint ? '（带“补打”水印）' : ''}，请用浏览器的打印按钮打印 ${copies} 份。纸张打印出来后点“已打印”；取消了打印或没有打印出来，点“未打印”，这次不计入打印次数。`,
        okText: '已打印',
        cancelText: '未打印',
        // Neither answer is preselected: a stray Enter must not count a print.
        autoFocusButton: null,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
}

/** The words for a print's result, the same on every page that prints. */
export function printResultMessage(result: Extract<PrintResult, { status: 'printed' }>, copies: number): string {
  const what = `${copies} 份${result.reprint ? '（补打）' : ''}`;
  return result.where ? `已送往${result.where}：${what}` : `已记录打印 ${what}`;
}

/** `80 × 123.5 mm` */
export function paperSize(paper: PaperSpec): string {
  return `${paper.widthMm} × ${paper.heightMm} mm`;
}
