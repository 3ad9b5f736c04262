import { ImportOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { call, errorMessage } from '../api/client';
import { formatBytes } from './format';
import { instructionsChanged } from './instructionEvents';

/** What `sync.importFile` accepts: 48 MiB of base64. */
const MAX_FILE_BYTES = Math.floor((48 * 1024 * 1024 * 3) / 4);

/** A chosen file's bytes as base64 (without the `data:` prefix); the browser encodes it natively. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * 导入回执文件: the `.tdsync` file the county's hub gave back for the USB stick. It confirms the
 * batches the hub applied and brings the catalog, the calendar and instructions down.
 * Importing the same file twice changes nothing, so no confirmation is asked.
 */
export function ImportReplyButton({ disabled, onDone }: { disabled: boolean; onDone: () => void }) {
  const { modal } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(file: File | undefined) {
    if (!file) return;
    if (file.size === 0) {
      modal.error({ title: '没有导入', content: `“${file.name}”是空文件` });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      modal.error({
        title: '没有导入',
        content: `“${file.name}”有 ${formatBytes(file.size)}，超过了回执文件的上限 ${formatBytes(MAX_FILE_BYTES)}`,
      });
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await readBase64(file);
      const answer = await call('sync.importFile', { fileName: file.name, contentBase64 });
      modal.success({ title: '回执文件已导入', content: answer.message });
      instructionsChanged();
    } catch (error) {
      modal.error({ title: '没有导入', content: errorMessage(error) });
    } finally {
      setBusy(false);
      onDone();
    }
  }

  return (
    <>
      <Button icon={<ImportOutlined />} loading={busy} disabled={disabled} onClick={() => input.current?.click()}>
        导入回执文件
      </Button>
      <input
        ref={input}
        type="file"
        accept=".tdsync"
        aria-label="回执文件"
        style={{ display: 'none' }}
        onChange={(event) => {
          void importFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
    </>
  );
}
