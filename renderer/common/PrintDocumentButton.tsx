import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { askPaperPrinted, printDocument, printResultMessage } from './printDocument';

interface Props {
  documentId: string;
  /** 打印回执, 打印告知书 …; a document printed before says 补打 itself (and is watermarked). */
  label: string;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  /** After the print's outcome was recorded (the document's print count may have changed). */
  onPrinted?: () => void;
}

/**
 * One copy of an issued document, the same way the document page prints it: this machine's
 * printer (desktop, counted when the job succeeds) or the browser's PDF viewer in a new tab
 * (counted when the clerk answers 已打印).
 */
export function PrintDocumentButton({ documentId, label, type = 'default', size, onPrinted }: Props) {
  const { message, modal } = App.useApp();
  const [printing, setPrinting] = useState(false);

  async function print() {
    setPrinting(true);
    try {
      const result = await printDocument({
        documentId,
        copies: 1,
        showDialog: false,
        askPrinted: askPaperPrinted(modal),
      });
      if (result.status === 'printed') {
        void message.success(printResultMessage(result, 1));
      } else if (result.status === 'cancelled') {
        void message.info('已取消打印，这次不计入打印次数');
      } else {
        modal.error({ title: '没有打印出来', content: result.message });
      }
    } catch (error) {
      modal.error({ title: '没有打印出来', content: errorMessage(error) });
    } finally {
      setPrinting(false);
      onPrinted?.();
    }
  }

  return (
    <Button type={type} size={size} icon={<PrinterOutlined />} loading={printing} onClick={() => void print()}>
      {label}
    </Button>
  );
}
