import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { printDocument } from './printDocument';

interface Props {
  documentId: string;
  /** 打印回执, 打印告知书 …; a document printed before says 补打 itself (and is watermarked). */
  label: string;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  /** After the print was recorded (the document's print count changed). */
  onPrinted?: () => void;
}

/**
 * One copy of an issued document, the same way the document page prints it: recorded first,
 * then this machine's printer (desktop) or the browser's PDF viewer in a new tab.
 */
export function PrintDocumentButton({ documentId, label, type = 'default', size, onPrinted }: Props) {
  const { message, modal } = App.useApp();
  const [printing, setPrinting] = useState(false);

  async function print() {
    setPrinting(true);
    try {
      const result = await printDocument({ documentId, copies: 1, showDialog: false });
      if (result.status === 'printed') {
        void message.success(`已送往${result.where}${result.reprint ? '（补打）' : ''}`);
      } else if (result.status === 'opened') {
        void message.info(`PDF 已在新标签页打开${result.reprint ? '（带“补打”水印）' : ''}，请用浏览器的打印按钮打印`);
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
